import { create } from 'zustand';
import type { VerificationView } from '../../shared/contract/review';
import type { WireError } from '../../shared/errors';
import type { FileCounts, ReviewDetails, ReviewFile, ReviewSection, ReviewSummary } from '../../shared/review';
import type { CommentSide, ReviewComment } from '../../shared/review-comments';
import { type ViewedFiles, viewedState } from '../../shared/review-viewed';
import { readPreference, writePreference } from '../state/local-preference';
import type { DiffLayout } from './render-slice';

/** A comment being written: where it points and the code it quotes. */
export interface CommentDraft {
  readonly fileId: string;
  readonly path: string;
  readonly section: ReviewSection;
  readonly side: CommentSide;
  readonly startLine: number;
  readonly endLine: number;
  readonly quote: string[];
}

const layoutKey = 'switchyard.diffLayout';
const wrapKey = 'switchyard.diffWrap';
const maxLiveOutputChars = 200_000;

export interface ReviewPaneState {
  /** The thread whose review is shown; everything below belongs to it. */
  threadId: string | null;
  summary: ReviewSummary | null;
  summaryError: WireError | null;
  /**
   * The line counts of the summary's files by id (empty while its details are pending): what a
   * file block subscribes to, so counts arriving re-render a few small parts, not every block.
   */
  countsById: ReadonlyMap<string, FileCounts>;
  loadingSummary: boolean;
  comments: ReviewComment[];
  /** Files marked as viewed, with the version each had then. */
  viewed: ViewedFiles;
  verification: VerificationView | null;
  /** Output streamed by running verification commands, by run id. */
  liveOutput: Record<string, string>;
  layout: DiffLayout;
  /** Long lines wrap inside their row instead of scrolling sideways. */
  wrapLines: boolean;
  composer: CommentDraft | null;
  /** Bumped to ask the file diffs to scroll to a file. */
  focusFileId: string | null;
  /** The file last gone to (from the list, a comment or a key): what the review keys act on. */
  cursorFileId: string | null;
  /** A comment to scroll to once it is shown inline (clicked in the comments list). */
  focusCommentId: string | null;
  /**
   * Per file whose diff is loaded, its comments no longer on a line of it (outdated): listed, not
   * shown inline.
   */
  outdatedByFile: Readonly<Record<string, readonly string[]>>;
  showThread(threadId: string | null): void;
  setSummary(threadId: string, summary: ReviewSummary | null, error: WireError | null): void;
  /** Completes the summary shown with its details (line counts, commits…), if they belong to it. */
  applyDetails(details: ReviewDetails): boolean;
  setLoadingSummary(loading: boolean): void;
  setComments(threadId: string, comments: ReviewComment[]): void;
  setViewed(threadId: string, viewed: ViewedFiles): void;
  setVerification(threadId: string, view: VerificationView): void;
  appendOutput(threadId: string, runId: string, data: string): void;
  setLayout(layout: DiffLayout): void;
  setWrapLines(wrap: boolean): void;
  openComposer(draft: CommentDraft | null): void;
  focusFile(fileId: string | null): void;
  focusComment(commentId: string | null): void;
  setOutdated(fileId: string, commentIds: readonly string[]): void;
}

export const useReviewPaneStore = create<ReviewPaneState>()((set, get) => ({
  threadId: null,
  summary: null,
  summaryError: null,
  countsById: new Map(),
  loadingSummary: false,
  comments: [],
  viewed: {},
  verification: null,
  liveOutput: {},
  layout: readPreference(layoutKey) === 'side-by-side' ? 'side-by-side' : 'line-by-line',
  wrapLines: readPreference(wrapKey) === 'wrap',
  composer: null,
  focusFileId: null,
  cursorFileId: null,
  focusCommentId: null,
  outdatedByFile: {},
  showThread(threadId) {
    if (get().threadId === threadId) return;
    set({
      threadId,
      summary: null,
      summaryError: null,
      countsById: new Map(),
      comments: [],
      viewed: {},
      verification: null,
      liveOutput: {},
      composer: null,
      focusFileId: null,
      cursorFileId: null,
      focusCommentId: null,
      outdatedByFile: {},
    });
  },
  setSummary(threadId, summary, summaryError) {
    if (get().threadId !== threadId) return;
    // A failed refresh keeps the last good summary on screen, with the error beside it.
    set((state) =>
      summary ? { summary, summaryError, countsById: countsOf(summary) } : { summary: state.summary, summaryError },
    );
  },
  applyDetails(details) {
    const { threadId, summary } = get();
    if (!summary || threadId !== details.threadId || summary.revision !== details.revision || !summary.detailsPending) {
      return false;
    }
    set({ summary: withDetails(summary, details), countsById: new Map(details.files.map((c) => [c.id, c])) });
    return true;
  },
  setLoadingSummary: (loadingSummary) => set({ loadingSummary }),
  setComments(threadId, comments) {
    if (get().threadId === threadId) set({ comments });
  },
  setViewed(threadId, viewed) {
    if (get().threadId === threadId) set({ viewed });
  },
  setVerification(threadId, verification) {
    if (get().threadId === threadId) set({ verification });
  },
  appendOutput(threadId, runId, data) {
    if (get().threadId !== threadId) return;
    set((state) => {
      const text = (state.liveOutput[runId] ?? '') + data;
      return { liveOutput: { ...state.liveOutput, [runId]: text.slice(-maxLiveOutputChars) } };
    });
  },
  setLayout(layout) {
    writePreference(layoutKey, layout === 'line-by-line' ? null : layout);
    set({ layout });
  },
  setWrapLines(wrapLines) {
    writePreference(wrapKey, wrapLines ? 'wrap' : null);
    set({ wrapLines });
  },
  openComposer: (composer) => set({ composer }),
  focusFile: (focusFileId) => set(focusFileId ? { focusFileId, cursorFileId: focusFileId } : { focusFileId }),
  focusComment: (focusCommentId) => set({ focusCommentId }),
  setOutdated(fileId, commentIds) {
    const current = get().outdatedByFile[fileId] ?? [];
    if (current.length === commentIds.length && current.every((id, i) => id === commentIds[i])) return;
    set((state) => ({ outdatedByFile: { ...state.outdatedByFile, [fileId]: commentIds } }));
  },
}));

/**
 * The summary completed with its details: stat, commits, behind/ahead, changelog check. Its files
 * stay the same objects (their line counts go to `countsById`): 500 file blocks and rows then have
 * nothing to re-render but the counts themselves.
 */
export function withDetails(summary: ReviewSummary, details: ReviewDetails): ReviewSummary {
  return {
    ...summary,
    detailsPending: false,
    stat: details.stat,
    behind: details.behind,
    ahead: details.ahead,
    commits: details.commits,
    commitsTruncated: details.commitsTruncated,
    checks: { ...summary.checks, changelog: details.changelog },
  };
}

/** The file with its line counts from the store, once git has counted them. */
export function useCountedFile(file: ReviewFile): ReviewFile {
  const counts = useReviewPaneStore((state) => state.countsById.get(file.id));
  return counts ? { ...file, added: counts.added, removed: counts.removed, binary: counts.binary } : file;
}

/** The counts of a summary's files, if they are known. */
function countsOf(summary: ReviewSummary): Map<string, FileCounts> {
  const counts = new Map<string, FileCounts>();
  if (summary.detailsPending) return counts;
  for (const { id, added, removed, binary } of summary.files) {
    if (added !== null && removed !== null && binary !== null) counts.set(id, { id, added, removed, binary });
  }
  return counts;
}

/** Whether the file is marked viewed (at its current version), changed since, or not marked. */
export function useViewedState(file: ReviewFile): ReturnType<typeof viewedState> {
  return useReviewPaneStore((state) => viewedState(state.viewed, file));
}
