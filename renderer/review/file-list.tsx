import { memo, useMemo, useRef } from 'react';
import { reviewSections, type ReviewFile, type ReviewSection } from '../../shared/review';
import { FileBadges } from './file-badges';
import { kindLabels, sectionTitles } from './format';
import { useCountedFile, useReviewPaneStore, useViewedState } from './review-pane-store';
import { useRowWindow } from './row-window';

/** Every row of the list is this tall (review.css sizes them to it): a group title or a file. */
export const fileRowHeight = 26;
/** The list scrolls within itself once it is this tall (or the side column has less room). */
const listMinHeight = 240;

type Row =
  | { readonly kind: 'group'; readonly section: ReviewSection; readonly count: number }
  | { readonly kind: 'file'; readonly file: ReviewFile };

function rowsOf(files: readonly ReviewFile[]): Row[] {
  const rows: Row[] = [];
  for (const section of reviewSections) {
    const inSection = files.filter((f) => f.section === section);
    if (inSection.length === 0) continue;
    rows.push({ kind: 'group', section, count: inSection.length });
    for (const file of inSection) rows.push({ kind: 'file', file });
  }
  return rows;
}

/**
 * Every changed file, grouped by where its change lives, with counts and badges; click to jump.
 * Only the rows in view (and a few either side) are in the page, so 5,000 files cost what 50 do.
 */
export function FileList({ files, omitted }: { files: readonly ReviewFile[]; omitted: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => rowsOf(files), [files]);
  const { start, end } = useRowWindow(scroller, fileRowHeight, rows.length);
  const total = rows.length * fileRowHeight;
  return (
    <div
      className="review-file-list"
      data-testid="diff-file-list"
      data-files={files.length}
      style={{ minHeight: Math.min(listMinHeight, total) }}
    >
      <div ref={scroller} className="review-file-scroll" data-testid="diff-file-scroll">
        <ul className="review-file-rows" style={{ height: total }}>
          {rows.slice(start, end).map((row, offset) => {
            const top = (start + offset) * fileRowHeight;
            return row.kind === 'group' ? (
              <li key={`group:${row.section}`} className="review-file-row" style={{ top }}>
                <h4 className="review-group-title">
                  {sectionTitles[row.section]} <span className="muted">{row.count}</span>
                </h4>
              </li>
            ) : (
              <li key={row.file.id} className="review-file-row" style={{ top }}>
                <FileRow file={row.file} />
              </li>
            );
          })}
        </ul>
      </div>
      {omitted > 0 && <p className="muted small">{omitted} more files not listed (too many to show).</p>}
    </div>
  );
}

const FileRow = memo(function FileRow({ file: listed }: { file: ReviewFile }) {
  const file = useCountedFile(listed);
  const viewed = useViewedState(listed);
  return (
    <button
      type="button"
      className="diff-file"
      data-testid="diff-file"
      data-path={file.path}
      data-source={file.section === 'committed' ? 'committed' : 'uncommitted'}
      data-section={file.section}
      data-viewed={viewed}
      title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
      onClick={() => useReviewPaneStore.getState().focusFile(file.id)}
    >
      <span className={`kind-tag kind-${file.kind}`}>{kindLabels[file.kind]}</span>
      <span className="diff-file-path mono truncate">{file.path}</span>
      <FileBadges file={file} />
      {viewed !== 'unviewed' && (
        <span
          className={`viewed-mark ${viewed}`}
          title={viewed === 'viewed' ? 'Viewed' : 'Changed since you marked it viewed'}
        >
          {viewed === 'viewed' ? '✓' : '●'}
        </span>
      )}
      <FileCounts file={file} />
    </button>
  );
});

/** `+added −removed`, "bin" for a binary file, or a placeholder while git is still counting. */
export function FileCounts({ file }: { file: ReviewFile }) {
  if (file.binary) return <span className="diff-count muted">bin</span>;
  if (file.added === null || file.removed === null) {
    return (
      <span className="diff-count muted" data-testid="diff-count-pending" title="Counting lines…">
        …
      </span>
    );
  }
  return (
    <span className="diff-count mono">
      <span className="added">+{file.added}</span> <span className="removed">−{file.removed}</span>
    </span>
  );
}
