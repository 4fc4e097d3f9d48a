import type { ReviewFile } from '../../shared/review';

/** What the brief and the hazard list say about a file, as small badges. */
export function FileBadges({ file }: { file: ReviewFile }) {
  const { flags } = file;
  return (
    <>
      {flags.forbidden && (
        <span
          className="review-flag flag-forbidden"
          data-testid="flag-forbidden"
          title={`Must not edit: ${flags.forbidden}`}
        >
          forbidden
        </span>
      )}
      {flags.outsideOwned && (
        <span className="review-flag flag-outside" data-testid="flag-outside" title="Outside the brief's owned paths">
          out of scope
        </span>
      )}
      {flags.hazard && (
        <span className="review-flag flag-hazard" data-testid="flag-hazard" title={`Hazard: ${flags.hazard}`}>
          hazard
        </span>
      )}
      {file.submodule && <span className="review-flag">submodule</span>}
      {file.binary && <span className="review-flag">binary</span>}
      {file.oldMode && file.newMode && file.oldMode !== file.newMode && !file.submodule && (
        <span className="review-flag" title={`mode ${file.oldMode} → ${file.newMode}`}>
          mode {file.newMode.slice(-3)}
        </span>
      )}
    </>
  );
}
