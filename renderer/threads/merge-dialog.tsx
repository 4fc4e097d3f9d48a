import { useState } from 'react';
import type { WireError } from '../../shared/errors';
import type { MergeOutcome, Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { notify } from '../state/notices-store';
import { useUiStore } from '../state/ui-store';
import { useMergeLookups } from './merge-facts';
import { MergeFailure } from './merge-failure';
import { mergeWarnings } from './merge-readiness';
import { MergeResult } from './merge-result';
import { Modal } from '../ui/modal';

type Phase =
  | { step: 'confirm' }
  | { step: 'running' }
  | { step: 'merged'; outcome: MergeOutcome }
  | { step: 'failed'; error: WireError };

/** Confirm, run and report a merge of the thread's branch into its base with a merge commit. */
export function MergeDialog({ thread }: { thread: Thread }) {
  const closeDialog = useUiStore((state) => state.closeDialog);
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const setMainView = useUiStore((state) => state.setMainView);
  const lookups = useMergeLookups(thread);
  const approvalStale =
    thread.review.state !== 'approved' ? false : lookups.head === null ? null : thread.review.commit !== lookups.head;
  const warnings = mergeWarnings({
    review: thread.review,
    status: thread.status,
    approvalStale,
    queuedOthers: lookups.queuedOthers,
    inQueue: lookups.inQueue,
    uncommittedFiles: lookups.uncommittedFiles,
  });
  // Merging an unapproved branch, or one whose agent is still at it, is a deliberate choice.
  const caution = warnings.some((warning) => warning.id === 'review' || warning.id === 'agent');
  const openQueue = () => {
    closeDialog();
    setMainView('merge-queue');
  };

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
          {warnings.map((warning) => (
            <p
              key={warning.id}
              className={warning.id === 'queue' ? 'callout' : 'callout warning'}
              data-testid={`merge-${warning.id}-warning`}
            >
              {warning.text}
            </p>
          ))}
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
            {lookups.queuedOthers !== null && lookups.queuedOthers > 0 && (
              <button
                type="button"
                className="button"
                data-testid="merge-open-queue"
                disabled={phase.step === 'running'}
                onClick={openQueue}
              >
                Open the merge queue
              </button>
            )}
            <button
              type="button"
              className={caution ? 'button danger-outline' : 'button primary'}
              data-testid="merge-confirm"
              data-autofocus
              disabled={phase.step === 'running'}
              onClick={() => void merge()}
            >
              {phase.step === 'running' ? 'Merging…' : caution ? 'Merge anyway' : 'Merge'}
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
