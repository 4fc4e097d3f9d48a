import { useState } from 'react';
import type { Orphans, QueueView } from '../../shared/merge-queue';
import { getMergeQueueActions } from './merge-queue-actions';
import type { ShownMergeQueue } from './merge-queue-store';

/**
 * After landing: clean up landed threads in one action (with the exact list of what was and was
 * not removed), and find orphans (vanished worktrees, branches no thread owns, records whose
 * worktree is gone) to clean up by choice.
 */
export function CleanupPanel({ view, queue }: { view: QueueView; queue: ShownMergeQueue }) {
  const [archive, setArchive] = useState(false);
  const { projectId } = view;
  const { orphans, cleanupReport: report } = queue;
  const actions = getMergeQueueActions();

  const cleanLanded = () =>
    actions.cleanupLanded(
      projectId,
      view.landed.map((l) => l.threadId),
      archive,
    );
  const findOrphans = () => actions.findOrphans(projectId);
  const cleanOrphans = (found: Orphans) => actions.cleanOrphans(projectId, found);
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
