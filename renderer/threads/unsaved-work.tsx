import type { WireError } from '../../shared/errors';
import { detailNumber, detailStrings } from '../ui/error-details';
import { NotKeptList } from './remove-outcome-panel';

interface UnsavedWorkProps {
  /** The host's `unsaved-work` refusal, listing what removing would lose. */
  error: WireError;
  running: boolean;
  onKeep(): void;
  onDiscard(): void;
}

/**
 * What removing a thread would throw away, and the explicit, clearly dangerous way to do it anyway.
 * Nothing has been stopped yet: keeping the thread leaves its agent running.
 */
export function UnsavedWork({ error, running, onKeep, onDiscard }: UnsavedWorkProps) {
  const files = detailStrings(error, 'uncommittedFiles');
  const commits = detailNumber(error, 'unmergedCommits') ?? 0;
  const detached = detailNumber(error, 'detachedCommits') ?? 0;
  const ignored = detailStrings(error, 'ignoredFiles');
  const nested = detailStrings(error, 'nestedRepositories');
  return (
    <div data-testid="remove-unsaved">
      <p className="inline-error" role="alert" data-error-kind={error.kind}>
        {error.message}
      </p>
      {commits > 0 && (
        <p data-testid="remove-unmerged-commits">
          If you discard, {commits === 1 ? 'its unmerged commit' : `its ${commits} unmerged commits`} will live on only
          in the backup ref.
        </p>
      )}
      {detached > 0 && (
        <p data-testid="remove-detached-commits">
          {detached === 1 ? 'One commit is' : `${detached} commits are`} on a detached HEAD in the worktree, on no
          branch; the backup keeps {detached === 1 ? 'it' : 'them'} together with the branch tip.
        </p>
      )}
      {files.length > 0 && (
        <>
          <p>Uncommitted files:</p>
          <ul className="mono-list" data-testid="remove-uncommitted-files">
            {files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </>
      )}
      <NotKeptList ignoredFiles={ignored} nestedRepositories={nested} future />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          data-testid="remove-keep"
          autoFocus
          onClick={onKeep}
          disabled={running}
        >
          Keep the thread
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="remove-discard"
          disabled={running}
          onClick={onDiscard}
        >
          {running ? 'Discarding…' : 'Discard and remove (keeps a backup ref)'}
        </button>
      </div>
    </div>
  );
}
