import type { WireError } from '../../shared/errors';
import { detailStrings } from '../ui/error-details';

/** Why a merge did not happen; for conflicts, which files and the reassurance that nothing moved. */
export function MergeFailure({ error }: { error: WireError }) {
  const files = detailStrings(error, 'files');
  return (
    <div className="merge-failure" role="alert" data-testid="merge-error" data-error-kind={error.kind}>
      <p className="inline-error">{error.message}</p>
      {error.kind === 'merge-conflict' && (
        <>
          <p>
            These files conflict. Both branches were left untouched; resolve the conflict in the thread (or ask its
            agent to) and try again.
          </p>
          <ul className="mono-list" data-testid="merge-conflict-files">
            {files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </>
      )}
      {error.kind === 'dirty-checkout' && files.length > 0 && (
        <>
          <p>Commit or stash these changes in the checkout first:</p>
          <ul className="mono-list" data-testid="merge-dirty-files">
            {files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
