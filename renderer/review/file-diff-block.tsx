import { memo, type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { WireError } from '../../shared/errors';
import type { FileDiff, ReviewFile } from '../../shared/review';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewComment } from '../../shared/review-comments';
import { FileBadges } from './file-badges';
import { FileCounts } from './file-list';
import { formatBytes, kindLabels } from './format';
import { plural } from '../../shared/plural';
import { type AnchorKey, anchorKeyOf, commentsOfFile, isOutdated } from './inline-anchors';
import { InlineThread } from './inline-comments';
import type { LineTarget } from './line-target';
import { quoteLines, readPatchLines } from './patch-lines';
import { loadFileDiff, reviewActions } from './review-api';
import { type CommentDraft, useCountedFile, useReviewPaneStore, useViewedState } from './review-pane-store';
import type { DiffLayout } from './render-slice';
import { diffRowPx, RenderedPatch } from './rendered-patch';
import { useVisibleOnce } from './use-visible-once';

/** Lines assumed for a file whose lines are not counted yet. */
const uncountedLines = 20;

/** Room kept for a file not rendered yet, so the scrollbar does not jump as files render. */
function estimatedHeight(file: ReviewFile): number {
  const lines = file.added === null || file.removed === null ? uncountedLines : file.added + file.removed;
  return Math.min(1600, (lines + 4) * diffRowPx);
}

/** The file with its line counts as the store has them now (they may arrive after the list). */
function LiveBadges({ file }: { file: ReviewFile }) {
  return <FileBadges file={useCountedFile(file)} />;
}

function LiveCounts({ file }: { file: ReviewFile }) {
  const counted = useCountedFile(file);
  return counted.binary === true ? null : <FileCounts file={counted} />;
}

/** The height of a file block's header. */
const headerPx = 31;

/**
 * Keeps the estimated room of a file not drawn yet, both as its own height and as its block's
 * intrinsic size (what the block takes while off screen and skipped).
 */
function Placeholder({
  file,
  loading,
  block,
}: {
  file: ReviewFile;
  loading: boolean;
  block: RefObject<HTMLElement | null>;
}) {
  const height = estimatedHeight(useCountedFile(file));
  useLayoutEffect(() => {
    block.current?.style.setProperty('contain-intrinsic-size', `auto ${height + headerPx}px`);
  }, [block, height]);
  return (
    <div className="review-file-placeholder" style={{ height }}>
      {loading ? 'Loading…' : ''}
    </div>
  );
}

/** The same file, diff and badges, whatever its counts (those are read from the store). */
function sameListing(a: ReviewFile, b: ReviewFile): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.version === b.version &&
      a.path === b.path &&
      a.oldPath === b.oldPath &&
      a.kind === b.kind &&
      a.submodule === b.submodule &&
      a.oldMode === b.oldMode &&
      a.newMode === b.newMode &&
      a.flags.outsideOwned === b.flags.outsideOwned &&
      a.flags.forbidden === b.flags.forbidden &&
      a.flags.hazard === b.flags.hazard)
  );
}

interface FileDiffBlockProps {
  threadId: string;
  file: ReviewFile;
  layout: DiffLayout;
  /** One of the first files, in view as the pane opens: load it without waiting to see it. */
  first?: boolean;
}

/** One file of the review: its header always, its diff fetched and rendered once it nears the viewport. */
export const FileDiffBlock = memo(
  function FileDiffBlock({ threadId, file, layout, first }: FileDiffBlockProps) {
    const ref = useRef<HTMLElement>(null);
    const visible = useVisibleOnce(ref, '.review-diffs', first);
    const [full, setFull] = useState(false);
    const [loaded, setLoaded] = useState<{ key: string; diff?: FileDiff; error?: WireError } | null>(null);
    const composer = useReviewPaneStore((state) => (state.composer?.fileId === file.id ? state.composer : null));
    const focused = useReviewPaneStore((state) => state.focusFileId === file.id);
    const current = useReviewPaneStore((state) => state.cursorFileId === file.id);
    // A file marked viewed (and unchanged since) folds to its header and loads nothing.
    const viewed = useViewedState(file);
    const collapsed = viewed === 'viewed';
    const key = `${file.id}:${file.version}:${full}`;
    // The diff depends on the file's identity and version, not on its counts arriving.
    const fileRef = useRef(file);
    fileRef.current = file;

    useEffect(() => {
      if (!visible || collapsed) return;
      let cancelled = false;
      void loadFileDiff(threadId, fileRef.current, full).then((result) => {
        if (!cancelled) setLoaded(result.ok ? { key, diff: result.value } : { key, error: result.error });
      });
      return () => {
        cancelled = true;
      };
    }, [visible, collapsed, threadId, full, key]);

    // Folded, the block is its header, off screen too (it may never have been drawn unfolded).
    useLayoutEffect(() => {
      if (collapsed) ref.current?.style.setProperty('contain-intrinsic-size', `auto ${headerPx}px`);
    }, [collapsed]);

    useEffect(() => {
      if (!focused) return;
      ref.current?.scrollIntoView({ block: 'start' });
      useReviewPaneStore.getState().focusFile(null);
    }, [focused]);

    const diff = loaded?.diff;
    const lines = useMemo(() => (diff ? readPatchLines(diff.patch) : null), [diff]);
    const comments = useReviewPaneStore(useShallow((state) => commentsOfFile(state.comments, file.id)));
    // Comments still on a line of this diff show under it; the others are outdated (listed only).
    const inline = useMemo(
      () => (lines ? comments.filter((comment) => !isOutdated(comment, lines)) : []),
      [comments, lines],
    );
    useEffect(() => {
      if (!lines) return;
      const shown = new Set(inline);
      const outdated = comments.filter((comment) => !shown.has(comment)).map((comment) => comment.id);
      useReviewPaneStore.getState().setOutdated(file.id, outdated);
    }, [lines, comments, inline, file.id]);
    const onLines = useCallback(
      (start: LineTarget, end: LineTarget, extend: boolean) => {
        if (!lines) return;
        const previous = useReviewPaneStore.getState().composer;
        let from = start;
        let to = end;
        if (extend && previous?.fileId === file.id && previous.side === start.side) {
          from = { side: start.side, line: Math.min(previous.startLine, start.line) };
          to = { side: start.side, line: Math.max(previous.endLine, start.line) };
        }
        const startLine = Math.min(from.line, to.line);
        const endLine = Math.max(from.line, to.line);
        useReviewPaneStore.getState().openComposer({
          fileId: file.id,
          path: file.path,
          section: file.section,
          side: from.side,
          startLine,
          endLine,
          quote: quoteLines(lines, from.side, startLine, endLine),
        });
      },
      [lines, file.id, file.path, file.section],
    );

    return (
      <section
        ref={ref}
        className="review-file"
        data-testid="review-file"
        data-file-id={file.id}
        data-rendered={diff ? 'true' : 'false'}
        data-viewed={viewed}
        data-current={current ? 'true' : undefined}
      >
        <header className="review-file-header">
          <span className={`kind-tag kind-${file.kind}`}>{kindLabels[file.kind]}</span>
          <span className="mono truncate" title={file.path}>
            {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
          </span>
          <LiveBadges file={file} />
          <span className="spacer" />
          {diff?.crlf && (
            <span className="review-flag" title="This file's lines end with CR LF">
              CRLF
            </span>
          )}
          {viewed === 'changed' && (
            <span
              className="review-flag changed-since-viewed"
              data-testid="changed-since-viewed"
              title="Marked viewed, then changed"
            >
              changed since viewed
            </span>
          )}
          <LiveCounts file={file} />
          <label className="review-viewed" title="Fold this file until it changes again">
            <input
              type="checkbox"
              data-testid="file-viewed"
              checked={collapsed}
              onChange={(event) => void reviewActions.setViewed(threadId, file, event.target.checked)}
            />
            Viewed
          </label>
        </header>
        {!collapsed && (
          <>
            {!diff && !loaded?.error && <Placeholder file={file} loading={visible} block={ref} />}
            {loaded?.error && <p className="inline-error">{loaded.error.message}</p>}
            {diff && (
              <FileDiffBody
                threadId={threadId}
                diff={diff}
                layout={layout}
                comments={inline}
                composer={composer}
                onLines={onLines}
                onShowAll={() => setFull(true)}
              />
            )}
          </>
        )}
      </section>
    );
  },
  // Counts arriving (the summary's details) re-render only the parts that show them.
  (a, b) => a.threadId === b.threadId && a.layout === b.layout && a.first === b.first && sameListing(a.file, b.file),
);

function FileDiffBody({
  threadId,
  diff,
  layout,
  comments,
  composer,
  onLines,
  onShowAll,
}: {
  threadId: string;
  diff: FileDiff;
  layout: DiffLayout;
  /** The file's comments still on a line of this diff: shown under their lines. */
  comments: readonly ReviewComment[];
  composer: CommentDraft | null;
  onLines(start: LineTarget, end: LineTarget, extend: boolean): void;
  onShowAll(): void;
}) {
  const anchors = useMemo(() => {
    const keys = new Set<AnchorKey>(comments.map(anchorKeyOf));
    if (composer) keys.add(anchorKeyOf(composer));
    return keys;
  }, [comments, composer]);
  const renderAnchor = (anchor: AnchorKey) => (
    <InlineThread
      threadId={threadId}
      comments={comments.filter((comment) => anchorKeyOf(comment) === anchor)}
      composer={composer && anchorKeyOf(composer) === anchor ? composer : null}
    />
  );
  if (diff.binary) {
    return (
      <p className="review-file-note" data-testid="binary-note">
        Binary file:{' '}
        {diff.oldSize === null
          ? `added, ${formatBytes(diff.newSize)}`
          : diff.newSize === null
            ? `deleted, was ${formatBytes(diff.oldSize)}`
            : `${formatBytes(diff.oldSize)} → ${formatBytes(diff.newSize)}`}
      </p>
    );
  }
  return (
    <>
      {diff.tooLargeToShow && (
        <p className="review-file-note">
          This diff is {formatBytes(diff.totalBytes)}, too large to show here; open the file in your editor.
        </p>
      )}
      {(diff.truncated || diff.longLinesCut > 0) && !diff.tooLargeToShow && (
        <p className="review-file-note" data-testid="diff-capped">
          {diff.truncated && `Showing the first ${formatBytes(diff.patch.length)} of ${formatBytes(diff.totalBytes)}. `}
          {diff.longLinesCut > 0 && `${plural(diff.longLinesCut, 'very long line')} cut. `}
          <button type="button" className="link-button" data-testid="diff-show-anyway" onClick={onShowAll}>
            Show anyway
          </button>
        </p>
      )}
      {diff.patch.includes('\n@@') ? (
        <RenderedPatch
          patch={diff.patch}
          layout={layout}
          onLines={onLines}
          anchors={anchors}
          renderAnchor={renderAnchor}
        />
      ) : (
        <p className="review-file-note muted">{describeWithoutHunks(diff.patch)}</p>
      )}
    </>
  );
}

/** Changes with no lines to show: a pure rename, a mode change, an empty file. */
function describeWithoutHunks(patch: string): string {
  const facts = [
    /^rename from .*$/m.exec(patch) && 'renamed without changes',
    /^copy from .*$/m.exec(patch) && 'copied without changes',
    /^old mode (\d+)\nnew mode (\d+)$/m.exec(patch)?.slice(1).join(' → ').replace(/^/, 'mode '),
    /^new file mode/m.exec(patch) && 'new empty file',
    /^deleted file mode/m.exec(patch) && 'deleted empty file',
  ].filter(Boolean);
  return facts.length ? facts.join('; ') : 'No line changes.';
}
