import type { RemoveOutcome } from '../../shared/models';

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
    </div>
  );
}
