import { create } from 'zustand';
import type { VerificationView } from '../../shared/contract/review';
import type { WireError } from '../../shared/errors';
import type { ReviewSection, ReviewSummary } from '../../shared/review';
import type { CommentSide, ReviewComment } from '../../shared/review-comments';
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
const maxLiveOutputChars = 200_000;

export interface ReviewState {
  /** The thread whose review is shown; everything below belongs to it. */
  threadId: string | null;
  summary: ReviewSummary | null;
  summaryError: WireError | null;
  loadingSummary: boolean;
  comments: ReviewComment[];
  verification: VerificationView | null;
  /** Output streamed by running verification commands, by run id. */
  liveOutput: Record<string, string>;
  layout: DiffLayout;
  composer: CommentDraft | null;
  /** Bumped to ask the file diffs to scroll to a file. */
  focusFileId: string | null;
  showThread(threadId: string | null): void;
  setSummary(threadId: string, summary: ReviewSummary | null, error: WireError | null): void;
  setLoadingSummary(loading: boolean): void;
  setComments(threadId: string, comments: ReviewComment[]): void;
  setVerification(threadId: string, view: VerificationView): void;
  appendOutput(threadId: string, runId: string, data: string): void;
  setLayout(layout: DiffLayout): void;
  openComposer(draft: CommentDraft | null): void;
  focusFile(fileId: string | null): void;
}

export const useReviewStore = create<ReviewState>()((set, get) => ({
  threadId: null,
  summary: null,
  summaryError: null,
  loadingSummary: false,
  comments: [],
  verification: null,
  liveOutput: {},
  layout: readPreference(layoutKey) === 'side-by-side' ? 'side-by-side' : 'line-by-line',
  composer: null,
  focusFileId: null,
  showThread(threadId) {
    if (get().threadId === threadId) return;
    set({
      threadId,
      summary: null,
      summaryError: null,
      comments: [],
      verification: null,
      liveOutput: {},
      composer: null,
      focusFileId: null,
    });
  },
  setSummary(threadId, summary, summaryError) {
    if (get().threadId !== threadId) return;
    // A failed refresh keeps the last good summary on screen, with the error beside it.
    set((state) => ({ summary: summary ?? state.summary, summaryError }));
  },
  setLoadingSummary: (loadingSummary) => set({ loadingSummary }),
  setComments(threadId, comments) {
    if (get().threadId === threadId) set({ comments });
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
  openComposer: (composer) => set({ composer }),
  focusFile: (focusFileId) => set({ focusFileId }),
}));
