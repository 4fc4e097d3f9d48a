import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ReviewFile } from '../../shared/review';
import { plural } from '../../shared/plural';
import { FileBadges } from './file-badges';
import { fileTreeRows, type TreeRow } from './file-tree';
import { kindLabels, sectionTitles } from './format';
import { useCountedFile, useReviewPaneStore, useViewedState } from './review-pane-store';
import { useRowWindow } from './row-window';

/** Every row of the tree is this tall (review.css sizes them to it): a group title, a folder or a file. */
export const fileRowHeight = 26;
const indentPx = 12;

/**
 * Every changed file as a tree per section (folders collapsible, single-child chains on one row),
 * with a filter box (substring or glob) and arrow keys; click or Enter to jump to a file. Only the
 * rows in view (and a few either side) are in the page, so 5,000 files cost what 50 do.
 */
export function FileList({ files, omitted }: { files: readonly ReviewFile[]; omitted: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const { rows, matches } = useMemo(() => fileTreeRows(files, { filter, collapsed }), [files, filter, collapsed]);
  const { start, end } = useRowWindow(scroller, fileRowHeight, rows.length);
  const activeIndex = activeKey === null ? -1 : rows.findIndex((row) => row.key === activeKey);
  // The file being read (from a key, a comment, the list) is kept in the tree's view.
  const cursorFileId = useReviewPaneStore((state) => state.cursorFileId);
  useEffect(() => {
    const list = scroller.current;
    const index = rows.findIndex((row) => row.kind === 'file' && row.file.id === cursorFileId);
    if (!list || index === -1) return;
    const top = index * fileRowHeight;
    if (top < list.scrollTop || top + fileRowHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = Math.max(0, top - list.clientHeight / 2);
    }
    // Only when the file being read changes, not as the rows do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursorFileId]);

  const toggle = (key: string, open?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (open ?? next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const activate = (row: TreeRow | undefined) => {
    if (row?.kind === 'file') useReviewPaneStore.getState().focusFile(row.file.id);
    else if (row?.kind === 'folder') toggle(row.key);
  };
  /** Makes row `index` the active one and scrolls it into the list's view. */
  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActiveKey(row.key);
    const list = scroller.current;
    if (!list) return;
    const top = rows.indexOf(row) * fileRowHeight;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + fileRowHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top + fileRowHeight - list.clientHeight;
    }
  };
  const firstFileIndex = () => rows.findIndex((row) => row.kind === 'file');

  const onTreeKey = (event: React.KeyboardEvent) => {
    const row = rows[activeIndex];
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => (activeIndex <= 0 ? document.getElementById(filterId)?.focus() : moveTo(activeIndex - 1)),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowLeft: () => row?.kind === 'folder' && toggle(row.key, false),
      ArrowRight: () => row?.kind === 'folder' && toggle(row.key, true),
      Enter: () => activate(row),
      ' ': () => activate(row),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };
  const onFilterKey = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      scroller.current?.focus();
      moveTo(firstFileIndex());
    } else if (event.key === 'Enter') {
      event.preventDefault();
      activate(rows[firstFileIndex()]);
    } else if (event.key === 'Escape' && filter) {
      event.preventDefault();
      setFilter('');
    }
  };

  const total = rows.length * fileRowHeight;
  return (
    <div className="review-file-list" data-testid="diff-file-list" data-files={files.length}>
      <div className="review-file-filter">
        <input
          id={filterId}
          className="input small"
          type="search"
          data-testid="file-filter"
          placeholder="Filter files (text or glob: *.ts, src/**)"
          aria-label="Filter files by path"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKey}
        />
        <span className="muted small" data-testid="file-filter-count" aria-live="polite">
          {filter.trim() ? `${matches} of ${files.length}` : plural(files.length, 'file')}
        </span>
      </div>
      <div
        ref={scroller}
        className="review-file-scroll"
        data-testid="diff-file-scroll"
        role="tree"
        aria-label="Changed files"
        tabIndex={0}
        onKeyDown={onTreeKey}
        onFocus={() => activeIndex === -1 && rows.length > 0 && setActiveKey(rows[0]?.key ?? null)}
      >
        <ul className="review-file-rows" style={{ height: total }}>
          {rows.slice(start, end).map((row, offset) => {
            const index = start + offset;
            const active = index === activeIndex;
            return (
              <li
                key={row.key}
                className={active ? 'review-file-row active' : 'review-file-row'}
                role="treeitem"
                aria-level={row.kind === 'group' ? 1 : row.depth + 2}
                aria-expanded={row.kind === 'folder' ? !row.collapsed : undefined}
                aria-selected={active}
                style={{ top: index * fileRowHeight }}
                onMouseDown={() => setActiveKey(row.key)}
              >
                <TreeRowView row={row} onToggle={() => toggle(row.key)} />
              </li>
            );
          })}
        </ul>
        {rows.length === 0 && filter.trim() && (
          <p className="muted small review-file-none" data-testid="file-filter-empty">
            No file matches “{filter.trim()}”.
          </p>
        )}
      </div>
      {omitted > 0 && <p className="muted small">{omitted} more files not listed (too many to show).</p>}
    </div>
  );
}

const filterId = 'review-file-filter';

function TreeRowView({ row, onToggle }: { row: TreeRow; onToggle(): void }) {
  if (row.kind === 'group') {
    return (
      <h4 className="review-group-title">
        {sectionTitles[row.section]} <span className="muted">{row.count}</span>
      </h4>
    );
  }
  if (row.kind === 'folder') {
    return (
      <button
        type="button"
        tabIndex={-1}
        className="diff-folder"
        data-testid="diff-folder"
        data-folder={row.key}
        data-collapsed={row.collapsed ? 'true' : 'false'}
        style={{ paddingLeft: 6 + row.depth * indentPx }}
        title={row.key.slice(row.key.indexOf(':') + 1)}
        onClick={onToggle}
      >
        <span className="twisty" aria-hidden="true">
          {row.collapsed ? '▸' : '▾'}
        </span>
        <span className="diff-folder-name mono truncate">{row.name}/</span>
        <span className="muted small">{row.count}</span>
      </button>
    );
  }
  return <FileRow file={row.file} name={row.name} depth={row.depth} />;
}

const FileRow = memo(function FileRow({
  file: listed,
  name,
  depth,
}: {
  file: ReviewFile;
  name: string;
  depth: number;
}) {
  const file = useCountedFile(listed);
  const viewed = useViewedState(listed);
  const current = useReviewPaneStore((state) => state.cursorFileId === listed.id);
  return (
    <button
      type="button"
      tabIndex={-1}
      className={current ? 'diff-file current' : 'diff-file'}
      data-current={current ? 'true' : undefined}
      data-testid="diff-file"
      data-path={file.path}
      data-source={file.section === 'committed' ? 'committed' : 'uncommitted'}
      data-section={file.section}
      data-viewed={viewed}
      style={{ paddingLeft: 6 + depth * indentPx + 12 }}
      title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
      onClick={() => useReviewPaneStore.getState().focusFile(file.id)}
    >
      <span className={`kind-tag kind-${file.kind}`}>{kindLabels[file.kind]}</span>
      <span className="diff-file-path mono truncate">{name}</span>
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
