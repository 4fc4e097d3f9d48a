import { useState } from 'react';
import type { WireError } from '../../shared/errors';
import type { RemoveOutcome, Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { notify } from '../state/notices-store';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/modal';
import { RemoveOutcomePanel } from './remove-outcome-panel';
import { UnsavedWork } from './unsaved-work';

type Phase =
  | { step: 'confirm' }
  | { step: 'running'; discard: boolean; unsaved: WireError | null }
  /** The host refused: there is work that removing would lose. The dispatcher must choose. */
  | { step: 'unsaved'; error: WireError }
  | { step: 'removed'; outcome: RemoveOutcome }
  | { step: 'failed'; error: WireError };

/**
 * Removing is safe by default: the first attempt never discards work. Only after the host lists
 * what would be lost can the dispatcher explicitly discard it (a backup ref is kept).
 */
export function RemoveDialog({ thread }: { thread: Thread }) {
  const closeDialog = useUiStore((state) => state.closeDialog);
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  // Cancelling leaves the thread as it was: focus goes back to what opened the dialog (the Remove
  // button), not to the terminal as after a dialog that did something.
  const cancel = () => useUiStore.setState({ dialog: null });

  const remove = async (discard: boolean, unsaved: WireError | null) => {
    // The list of what is being discarded stays on screen while the request runs.
    setPhase({ step: 'running', discard, unsaved });
    const result = await getActions().removeThread(thread.id, discard);
    if (result.ok) {
      setPhase({ step: 'removed', outcome: result.value });
      notify({
        tone: 'success',
        title: `Removed thread “${thread.name}”`,
        ...(result.value.backupRef ? { message: `Discarded work is kept at ${result.value.backupRef}` } : {}),
      });
    } else if (result.error.kind === 'unsaved-work' && !discard) {
      setPhase({ step: 'unsaved', error: result.error });
    } else {
      setPhase({ step: 'failed', error: result.error });
    }
  };

  const running = phase.step === 'running';
  return (
    <Modal
      title={`Remove “${thread.name}”`}
      testId="remove-dialog"
      tone={phase.step === 'unsaved' ? 'danger' : 'normal'}
      onClose={running ? undefined : phase.step === 'removed' ? closeDialog : cancel}
    >
      {(phase.step === 'confirm' || (running && !phase.discard)) && (
        <>
          <p>
            Stops the agent if it is running, removes the worktree <span className="mono">{thread.worktreePath}</span>{' '}
            and deletes the branch <span className="mono">{thread.branch}</span>.
          </p>
          <p className="muted">
            If the thread has uncommitted or unmerged work (a detached HEAD’s commits included), you will be asked
            first, and the agent keeps running until you choose.
          </p>
          <div className="form-actions">
            <button type="button" className="button" data-testid="remove-cancel" onClick={cancel} disabled={running}>
              Cancel
            </button>
            <button
              type="button"
              className="button danger-outline"
              data-testid="remove-confirm"
              data-autofocus
              disabled={running}
              onClick={() => void remove(false, null)}
            >
              {running ? 'Removing…' : 'Remove thread'}
            </button>
          </div>
        </>
      )}

      {phase.step === 'unsaved' && (
        <UnsavedWork
          error={phase.error}
          running={false}
          onKeep={cancel}
          onDiscard={() => void remove(true, phase.error)}
        />
      )}
      {phase.step === 'running' && phase.discard && phase.unsaved && (
        <UnsavedWork error={phase.unsaved} running onKeep={closeDialog} onDiscard={() => {}} />
      )}

      {phase.step === 'removed' && (
        <>
          <RemoveOutcomePanel outcome={phase.outcome} />
          <div className="form-actions">
            <button type="button" className="button primary" autoFocus onClick={closeDialog}>
              Done
            </button>
          </div>
        </>
      )}

      {phase.step === 'failed' && (
        <>
          <p className="inline-error" role="alert" data-testid="remove-error" data-error-kind={phase.error.kind}>
            {phase.error.message}
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={closeDialog}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
