import { reviewSections, type ReviewFile } from '../../shared/review';
import { FileBadges } from './file-badges';
import { kindLabels, sectionTitles } from './format';
import { useReviewStore } from './review-store';

/** Every changed file, grouped by where its change lives, with counts and badges; click to jump. */
export function FileList({ files, omitted }: { files: readonly ReviewFile[]; omitted: number }) {
  const focusFile = useReviewStore((state) => state.focusFile);
  return (
    <div className="review-file-list" data-testid="diff-file-list">
      {reviewSections.map((section) => {
        const inSection = files.filter((f) => f.section === section);
        if (inSection.length === 0) return null;
        return (
          <div key={section} className="review-file-group">
            <h4 className="review-group-title">
              {sectionTitles[section]} <span className="muted">{inSection.length}</span>
            </h4>
            <ul>
              {inSection.map((file) => (
                <li key={file.id}>
                  <button
                    type="button"
                    className="diff-file"
                    data-testid="diff-file"
                    data-path={file.path}
                    data-source={file.section === 'committed' ? 'committed' : 'uncommitted'}
                    data-section={file.section}
                    title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
                    onClick={() => focusFile(file.id)}
                  >
                    <span className={`kind-tag kind-${file.kind}`}>{kindLabels[file.kind]}</span>
                    <span className="diff-file-path mono truncate">{file.path}</span>
                    <FileBadges file={file} />
                    {file.binary ? (
                      <span className="diff-count muted">bin</span>
                    ) : (
                      <span className="diff-count mono">
                        <span className="added">+{file.added}</span> <span className="removed">−{file.removed}</span>
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {omitted > 0 && <p className="muted small">{omitted} more files not listed (too many to show).</p>}
    </div>
  );
}
