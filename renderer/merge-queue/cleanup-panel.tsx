import { useState } from 'react';
import type { CleanupItem, Orphans, QueueView } from '../../shared/merge-queue';
import type { MergeQueueState } from './use-merge-queue';

/**
 * After landing: clean up landed threads in one action (with the exact list of what was and was
 * not removed), and find orphans (vanished worktrees, branches no thread owns, records whose
 * worktree is gone) to clean up by choice.
 */
export function CleanupPanel({ view, queue }: { view: QueueView; queue: MergeQueueState }) {
  const [report, setReport] = useState<CleanupItem[] | null>(null);
  const [orphans, setOrphans] = useState<Orphans | null>(null);
  const [archive, setArchive] = useState(false);
  const { projectId } = view;

  const cleanLanded = async () => {
    const result = await queue.run('mergeQueue.cleanup', {
      projectId,
      threadIds: view.landed.map((l) => l.threadId),
      archive,
    });
    if (result.ok) setReport(result.value);
  };
  const findOrphans = async () => {
    const result = await queue.run('mergeQueue.orphans', { projectId });
    if (result.ok) setOrphans(result.value);
  };
  const cleanOrphans = async (found: Orphans) => {
    const result = await queue.run('mergeQueue.cleanOrphans', {
      projectId,
      prune: found.prunableWorktrees.length > 0,
      branches: found.branches.map((b) => b.branch),
      threadIds: found.threads.map((t) => t.threadId),
    });
    if (result.ok) {
      setReport(result.value);
      setOrphans(null);
    }
  };
  const orphanCount = orphans ? orphans.prunableWorktrees.length + orphans.branches.length + orphans.threads.length : 0;

  return (
    <section className="mq-section" data-testid="mq-cleanup">
      <h3>After landing</h3>
      {view.landed.length > 0 ? (
        <p>
          Landed into <span className="mono">{view.target}</span>: {view.landed.map((l) => l.name).join(', ')}.{' '}
          <label className="mq-check">
            <input type="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} /> archive unmerged
            or uncommitted work to a backup ref instead of refusing
          </label>{' '}
          <button
            type="button"
            className="button small"
            data-testid="mq-clean-landed"
            disabled={queue.busy}
            onClick={() => void cleanLanded()}
          >
            Clean up landed threads
          </button>
        </p>
      ) : (
        <p className="muted mq-small">No landed threads to clean up.</p>
      )}
      <p>
        <button
          type="button"
          className="button small"
          data-testid="mq-find-orphans"
          disabled={queue.busy}
          onClick={() => void findOrphans()}
        >
          Find orphans
        </button>
      </p>
      {orphans && (
        <div data-testid="mq-orphans">
          {orphanCount === 0 ? (
            <p className="muted">No orphans.</p>
          ) : (
            <>
              <ul className="mono-list">
                {orphans.prunableWorktrees.map((p) => (
                  <li key={p}>worktree entry whose folder is gone: {p}</li>
                ))}
                {orphans.branches.map((b) => (
                  <li key={b.branch}>
                    branch with no thread: {b.branch} {b.merged ? '(merged)' : '(unmerged: a backup ref will keep it)'}
                  </li>
                ))}
                {orphans.threads.map((t) => (
                  <li key={t.threadId}>
                    thread “{t.name}” whose worktree vanished: {t.worktreePath}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="button small danger-outline"
                disabled={queue.busy}
                onClick={() => void cleanOrphans(orphans)}
              >
                Clean up these {orphanCount}
              </button>
            </>
          )}
        </div>
      )}
      {report && (
        <ul className="plain-list mq-report" data-testid="mq-cleanup-report">
          {report.map((item, i) => (
            <li key={`${item.subject}-${i}`}>
              <strong>{item.subject}</strong>
              {item.removed.length > 0 && <div>removed: {item.removed.join('; ')}</div>}
              {item.kept.length > 0 && <div className="warning-text">not removed: {item.kept.join('; ')}</div>}
              {item.backupRefs.length > 0 && <div className="mono">kept at {item.backupRefs.join(', ')}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
