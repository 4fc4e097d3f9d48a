import { useEffect, useState } from 'react';
import type { WireError } from '../../shared/errors';
import type { MergeOutcome, Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { notify } from '../state/notices-store';
import { getBridge } from '../transport/bridge';
import { useUiStore } from '../state/ui-store';
import { MergeFailure } from './merge-failure';
import { MergeResult } from './merge-result';
import { Modal } from '../ui/modal';

type Phase =
  | { step: 'confirm' }
  | { step: 'running' }
  | { step: 'merged'; outcome: MergeOutcome }
  | { step: 'failed'; error: WireError };

const runningStatuses: ReadonlySet<Thread['status']> = new Set(['starting', 'working', 'needs-input', 'idle']);

/** Confirm, run and report a merge of the thread's branch into its base with a merge commit. */
export function MergeDialog({ thread }: { thread: Thread }) {
  const closeDialog = useUiStore((state) => state.closeDialog);
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const uncommitted = useUncommittedFileCount(thread.id);

  const merge = async () => {
    setPhase({ step: 'running' });
    const result = await getActions().mergeThread(thread.id);
    if (result.ok) {
      setPhase({ step: 'merged', outcome: result.value });
      notify({
        tone: 'success',
        title: `Merged ${thread.branch} into ${result.value.into}`,
        message: `Merge commit ${result.value.commit.slice(0, 7)}`,
      });
    } else {
      setPhase({ step: 'failed', error: result.error });
    }
  };

  return (
    <Modal
      title={`Merge into ${thread.baseBranch}`}
      testId="merge-dialog"
      onClose={phase.step === 'running' ? undefined : closeDialog}
    >
      {(phase.step === 'confirm' || phase.step === 'running') && (
        <>
          <p data-testid="merge-confirm-text">
            Merge <span className="mono">{thread.branch}</span> into <span className="mono">{thread.baseBranch}</span>{' '}
            with a merge commit?
          </p>
          {runningStatuses.has(thread.status) && (
            <p className="callout">The agent is still running; only what it has committed so far is merged.</p>
          )}
          {uncommitted !== null && uncommitted > 0 && (
            <p className="callout warning" data-testid="merge-uncommitted-warning">
              {uncommitted} file{uncommitted === 1 ? ' has' : 's have'} uncommitted changes in the worktree; they are
              not part of the merge.
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              data-testid="merge-cancel"
              onClick={closeDialog}
              disabled={phase.step === 'running'}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="merge-confirm"
              data-autofocus
              disabled={phase.step === 'running'}
              onClick={() => void merge()}
            >
              {phase.step === 'running' ? 'Merging…' : 'Merge'}
            </button>
          </div>
        </>
      )}

      {phase.step === 'merged' && (
        <>
          <MergeResult outcome={phase.outcome} branch={thread.branch} />
          <div className="form-actions">
            <button type="button" className="button primary" autoFocus onClick={closeDialog}>
              Done
            </button>
          </div>
        </>
      )}

      {phase.step === 'failed' && (
        <>
          <MergeFailure error={phase.error} />
          <div className="form-actions">
            <button type="button" className="button" onClick={closeDialog}>
              Close
            </button>
            <button type="button" className="button primary" onClick={() => void merge()}>
              Try again
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

/** Uncommitted files in the worktree are left out of a merge; worth saying before it runs. */
function useUncommittedFileCount(threadId: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    void getBridge()
      .invoke('review.summary', { threadId })
      .then((result) => {
        if (cancelled || !result.ok) return;
        const uncommitted = result.value.files.filter((f) => f.section !== 'committed').map((f) => f.path);
        setCount(new Set(uncommitted).size);
      });
    return () => {
      cancelled = true;
    };
  }, [threadId]);
  return count;
}
