import { create } from 'zustand';
import type { ReviewerRun } from '../../shared/contract/reviewer';
import { getBridge } from '../transport/bridge';
import { notify } from '../state/notices-store';

interface ReviewerState {
  /** Every reviewer run this window heard of, by id. */
  runs: Record<string, ReviewerRun>;
  apply(run: ReviewerRun): void;
}

export const useReviewerStore = create<ReviewerState>()((set) => ({
  runs: {},
  apply: (run) => set((state) => ({ runs: { ...state.runs, [run.runId]: run } })),
}));

/** The newest run on a thread, if any. */
export function latestRun(runs: Record<string, ReviewerRun>, threadId: string): ReviewerRun | null {
  let latest: ReviewerRun | null = null;
  for (const run of Object.values(runs)) {
    if (run.threadId === threadId && (!latest || run.startedAt >= latest.startedAt)) latest = run;
  }
  return latest;
}

let listening = false;

/** Starts hearing reviewer runs (once per window). */
export function listenToReviewers(): void {
  if (listening) return;
  listening = true;
  getBridge().on('reviewer.updated', (run) => useReviewerStore.getState().apply(run));
}

export const reviewerActions = {
  /** The project's runs of this session (a window opened later sees the running and the finished ones). */
  async load(projectId: string): Promise<void> {
    listenToReviewers();
    const result = await getBridge().invoke('reviewer.list', { projectId });
    if (result.ok) for (const run of result.value) useReviewerStore.getState().apply(run);
  },
  async ask(threadId: string, profileId?: string): Promise<void> {
    listenToReviewers();
    const result = await getBridge().invoke('reviewer.run', { threadId, ...(profileId ? { profileId } : {}) });
    if (result.ok) useReviewerStore.getState().apply(result.value);
    else notify({ tone: 'error', title: 'Could not ask for a review', message: result.error.message });
  },
  async cancel(runId: string): Promise<void> {
    const result = await getBridge().invoke('reviewer.cancel', { runId });
    if (!result.ok) notify({ tone: 'error', title: 'Could not cancel the review', message: result.error.message });
  },
  async reviewAll(projectId: string, profileId?: string): Promise<void> {
    listenToReviewers();
    const result = await getBridge().invoke('reviewer.runAll', { projectId, profileId });
    if (!result.ok) notify({ tone: 'error', title: 'Could not review the queue', message: result.error.message });
  },
};
