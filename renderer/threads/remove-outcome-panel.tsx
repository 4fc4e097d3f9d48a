import type { RemoveOutcome } from '../../shared/models';

/**
 * What no backup ref can hold: ignored files and nested repositories go with the worktree.
 * `future`: said before the removal (they will be deleted), otherwise after it (they were).
 */
export function NotKeptList({
  ignoredFiles,
  nestedRepositories,
  future = false,
}: {
  ignoredFiles: readonly string[];
  nestedRepositories: readonly string[];
  future?: boolean;
}) {
  if (ignoredFiles.length === 0 && nestedRepositories.length === 0) return null;
  return (
    <div data-testid="remove-not-kept">
      <p>
        {future ? 'Deleted with the worktree even if you discard' : 'Deleted with the worktree'}, and kept by no backup:
      </p>
      <ul className="mono-list">
        {nestedRepositories.map((entry) => (
          <li key={`nested:${entry}`} data-testid="remove-nested-repository">
            {entry} (a git repository of its own: its files and history)
          </li>
        ))}
        {ignoredFiles.map((entry) => (
          <li key={`ignored:${entry}`} data-testid="remove-ignored-file">
            {entry} (ignored by git)
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RemoveOutcomePanel({ outcome }: { outcome: RemoveOutcome }) {
  return (
    <div className="result-panel success" data-testid="remove-outcome">
      <p>The thread was removed.</p>
      <ul className="plain-list">
        <li>Worktree folder: {outcome.worktreeRemoved ? 'removed' : 'not removed'}.</li>
        <li>Branch: {outcome.branchDeleted ? 'deleted' : 'kept'}.</li>
      </ul>
      {outcome.backupRef && (
        <p data-testid="remove-backup-ref">
          The discarded work is kept at <span className="mono selectable">{outcome.backupRef}</span>. To get it back:{' '}
          <span className="mono selectable">git branch &lt;name&gt; {outcome.backupRef}</span>
        </p>
      )}
      <NotKeptList ignoredFiles={outcome.ignoredFiles ?? []} nestedRepositories={outcome.nestedRepositories ?? []} />
    </div>
  );
}
