import { useEffect, useMemo, useState } from 'react';
import { reviewSections, type ReviewSummary } from '../../shared/review';
import type { Thread } from '../../shared/models';
import { viewedState } from '../../shared/review-viewed';
import '../styles/review.css';
import { ChecksSummary } from './checks-summary';
import { CommentsPanel } from './comments-panel';
import { CommitList } from './commit-list';
import { DecisionBar } from './decision-bar';
import { FileDiffBlock } from './file-diff-block';
import { FileList } from './file-list';
import { mergedLabel, mergedTime, sectionHints, sectionTitles } from './format';
import { plural } from '../../shared/plural';
import { prefetchedDiffs, reloadSummary } from './review-api';
import { ResizableColumn } from './resizable-column';
import { ReviewSettingsPanel } from './review-settings-panel';
import { useReviewPaneStore } from './review-pane-store';
import { reviewKeys, useReviewKeys } from './use-review-keys';
import { useReviewSync } from './use-review-sync';
import { VerificationPanel } from './verification-panel';

const noFiles: ReviewSummary['files'] = [];
/** Where the file list column's width is remembered. */
const fileTreeWidthKey = 'switchyard.reviewFileColumnWidth';

/**
 * The review pane: what the branch would bring into its base and whether it may land. The file
 * list comes first (no diff text); each file's diff loads and renders as it scrolls into view.
 */
export function ReviewPane({ thread }: { thread: Thread }) {
  useReviewSync(thread.id);
  const summary = useReviewPaneStore((state) => (state.threadId === thread.id ? state.summary : null));
  const error = useReviewPaneStore((state) => state.summaryError);
  const loading = useReviewPaneStore((state) => state.loadingSummary);
  const comments = useReviewPaneStore((state) => state.comments);
  const verification = useReviewPaneStore((state) => state.verification);
  const layout = useReviewPaneStore((state) => state.layout);
  const setLayout = useReviewPaneStore((state) => state.setLayout);
  const wrapLines = useReviewPaneStore((state) => state.wrapLines);
  const setWrapLines = useReviewPaneStore((state) => state.setWrapLines);
  useReviewKeys(thread.id, summary?.files ?? noFiles);
  const drafts = comments.filter((c) => c.state === 'draft').length;
  const viewedCount = useReviewPaneStore((state) =>
    summary ? summary.files.filter((file) => viewedState(state.viewed, file) === 'viewed').length : 0,
  );

  return (
    <div
      className="diff-pane review-pane"
      data-testid="diff-pane"
      data-loading={loading || !summary ? 'true' : 'false'}
      data-revision={summary?.revision ?? ''}
    >
      <div className="pane-toolbar review-toolbar">
        <DecisionBar thread={thread} summary={summary} drafts={drafts} />
        <span className="spacer" />
        {summary && thread.merged && (
          <span className="small diff-summary review-merged" data-testid="review-merged" title={thread.merged.commit}>
            ✓ {mergedLabel(thread.merged)}{' '}
            <time className="muted" dateTime={thread.merged.at} title={thread.merged.at}>
              {mergedTime(thread.merged.at)}
            </time>
          </span>
        )}
        {summary && !(thread.merged && summary.files.length === 0) && (
          <span className="muted small diff-summary" data-testid="review-stat">
            {summary.detailsPending ? '… commits' : plural(summary.commits.length, 'commit')} ·{' '}
            {plural(summary.stat.files, 'file')}{' '}
            {summary.stat.added === null || summary.stat.removed === null ? (
              <span className="muted" data-testid="review-stat-pending">
                counting lines…
              </span>
            ) : (
              <>
                <span className="added">+{summary.stat.added}</span>{' '}
                <span className="removed">−{summary.stat.removed}</span>
              </>
            )}{' '}
            · against <span className="mono">{summary.baseBranch}</span>
            {summary.behind > 0 && <span data-testid="review-behind"> · {summary.behind} behind</span>}
            {summary.files.length > 0 && (
              <span data-testid="review-viewed-count">
                {' '}
                · {viewedCount} of {summary.files.length} viewed
              </span>
            )}
          </span>
        )}
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="diff-side-by-side"
            checked={layout === 'side-by-side'}
            onChange={(event) => setLayout(event.target.checked ? 'side-by-side' : 'line-by-line')}
          />
          Side by side
        </label>
        <label className="toggle" title="Wrap long lines instead of scrolling sideways">
          <input
            type="checkbox"
            data-testid="diff-wrap"
            checked={wrapLines}
            onChange={(event) => setWrapLines(event.target.checked)}
          />
          Wrap lines
        </label>
        <button
          type="button"
          className="button small"
          data-testid="diff-refresh"
          onClick={() => void reloadSummary(thread.id)}
        >
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <div className="pane-message" role="alert" data-testid="diff-error">
          <p className="inline-error">{error.message}</p>
        </div>
      )}
      {!summary && !error && <p className="pane-message muted">Loading review…</p>}
      {summary && (
        <div className="review-body">
          <ResizableColumn
            preferenceKey={fileTreeWidthKey}
            defaultWidth={240}
            minWidth={160}
            maxWidth={640}
            className="review-tree-column"
            label="Resize the file list"
            testId="review-file-column"
          >
            <FileList files={summary.files} omitted={summary.filesOmitted} />
            <p className="muted small review-keys-hint" data-testid="review-keys-hint">
              Keys: <kbd>{reviewKeys.next}</kbd> / <kbd>{reviewKeys.previous}</kbd> next / previous file,{' '}
              <kbd>{reviewKeys.viewed}</kbd> viewed, <kbd>{reviewKeys.filter}</kbd> filter files
            </p>
          </ResizableColumn>
          <div className={wrapLines ? 'review-diffs wrap-lines' : 'review-diffs'}>
            <FileDiffs threadId={thread.id} summary={summary} merged={thread.merged} />
          </div>
          <aside className="review-side">
            <ChecksSummary summary={summary} merged={thread.merged} />
            <details className="review-box" open={summary.detailsPending || summary.commits.length <= 5}>
              <summary>Commits ({summary.detailsPending ? '…' : summary.commits.length})</summary>
              <CommitList summary={summary} />
            </details>
            <details className="review-box" open>
              <summary>Verification</summary>
              <VerificationPanel threadId={thread.id} view={verification} />
            </details>
            <details className="review-box" open>
              <summary>Comments ({comments.length})</summary>
              <CommentsPanel threadId={thread.id} comments={comments} files={summary.files} />
            </details>
            <details className="review-box">
              <summary>Review settings</summary>
              <ReviewSettingsPanel projectId={thread.projectId} />
            </details>
          </aside>
        </div>
      )}
    </div>
  );
}

/**
 * File blocks mounted right after the list (enough to fill the screen), then this many more
 * whenever the window is idle: the files in view load and render first, and opening never blocks.
 */
const firstBlocks = 6;
const moreBlocks = 24;
/** Mount the next blocks after this long even if the window never goes idle. */
const idleTimeoutMs = 1000;

function FileDiffs({
  threadId,
  summary,
  merged,
}: {
  threadId: string;
  summary: ReviewSummary;
  merged: Thread['merged'];
}) {
  const layout = useReviewPaneStore((state) => state.layout);
  // None with the list itself: it shows first, the first blocks follow in the next task.
  const [mounted, setMounted] = useState(0);
  const total = summary.files.length;
  useEffect(() => {
    if (mounted >= total) return;
    if (mounted === 0) {
      const timer = setTimeout(() => setMounted(firstBlocks), 0);
      return () => clearTimeout(timer);
    }
    const more = () => setMounted((n) => n + moreBlocks);
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(more, 0);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(more, { timeout: idleTimeoutMs });
    return () => cancelIdleCallback(idle);
  }, [mounted, total]);
  // A file asked for (from the list, a comment or a key) is mounted at once, however far down.
  const focusIndex = useReviewPaneStore((state) =>
    state.focusFileId ? summary.files.findIndex((file) => file.id === state.focusFileId) : -1,
  );
  useEffect(() => {
    if (focusIndex >= mounted) setMounted(focusIndex + moreBlocks);
  }, [focusIndex, mounted]);
  // The first files are on screen as the pane opens (their diffs were asked for with the list).
  const firstIds = useMemo(() => new Set(summary.files.slice(0, prefetchedDiffs).map((f) => f.id)), [summary.files]);
  const shown = useMemo(() => new Set(summary.files.slice(0, mounted).map((f) => f.id)), [summary.files, mounted]);
  if (summary.files.length === 0) {
    return (
      <p className="pane-message muted" data-testid="diff-empty">
        {merged ? `${mergedLabel(merged)}; no changes since` : 'No changes yet'}
      </p>
    );
  }
  return (
    <>
      {reviewSections.map((section) => {
        const files = summary.files.filter((f) => f.section === section && shown.has(f.id));
        if (files.length === 0) return null;
        return (
          <section key={section} className="review-section" data-testid={`review-section-${section}`}>
            <h3 className="diff-section-title">
              {sectionTitles[section]} <span className="muted">{sectionHints[section]}</span>
            </h3>
            {files.map((file) => (
              <FileDiffBlock
                key={file.id}
                threadId={threadId}
                file={file}
                layout={layout}
                first={firstIds.has(file.id)}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}
