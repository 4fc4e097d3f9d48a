import { create } from 'zustand';
import type { EventOf } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { CleanupItem, HandBackOutcome, Orphans, QueueView } from '../../shared/merge-queue';
import { keptOutputChars } from '../../shared/limits';

/** What the queue view shows of one project; all of it is reset when another project is shown. */
export interface MergeQueueData {
  view: QueueView | null;
  /** Live verification output of the landing in progress (or the last one). */
  output: string;
  /** The last failed request, shown at the top of the view. */
  error: WireError | null;
  /** The outcome of the last hand-back (rebase sent back to the thread's agent). */
  handBack: HandBackOutcome | null;
  /** Orphans found on request, until cleaned up. */
  orphans: Orphans | null;
  /** What the last cleanup removed and kept. */
  cleanupReport: CleanupItem[] | null;
}

export interface MergeQueueState extends MergeQueueData {
  /** The project whose queue is shown; everything in MergeQueueData belongs to it. */
  projectId: string | null;
  /** A request is in flight: the view's buttons wait for it. */
  busy: boolean;
  /** Shows `projectId`'s queue, starting from nothing (its data is loaded again). */
  show(projectId: string | null): void;
  /** Adopts a queue view; one of another project is ignored. */
  applyView(view: QueueView): void;
  appendOutput(chunk: EventOf<'mergeQueue.output'>): void;
  /** A landing's step on the view shown (the host sends steps alone; the whole view when it ends). */
  applyProgress(progress: EventOf<'mergeQueue.progress'>): void;
  /** Merges `data` in if it belongs to the project shown (answers may arrive after a switch). */
  patch(projectId: string, data: Partial<MergeQueueData>): void;
}

const empty: MergeQueueData = {
  view: null,
  output: '',
  error: null,
  handBack: null,
  orphans: null,
  cleanupReport: null,
};

export const useMergeQueueStore = create<MergeQueueState>()((set, get) => ({
  ...empty,
  projectId: null,
  busy: false,

  show(projectId) {
    set({ ...empty, projectId });
  },

  applyView(view) {
    if (view.projectId === get().projectId) set({ view });
  },

  applyProgress(progress) {
    const { view, projectId } = get();
    if (view && progress.projectId === projectId) set({ view: { ...view, landing: progress } });
  },

  appendOutput({ projectId, data }) {
    if (projectId === get().projectId) set((state) => ({ output: (state.output + data).slice(-keptOutputChars) }));
  },

  patch(projectId, data) {
    if (projectId === get().projectId) set(data);
  },
}));

/** One project's queue as its view reads it. */
export type ShownMergeQueue = MergeQueueData & { busy: boolean };

/** The queue data of `projectId`: empty while the store still holds another project's. */
export function useMergeQueue(projectId: string): ShownMergeQueue {
  const state = useMergeQueueStore();
  return state.projectId === projectId ? state : { ...empty, busy: state.busy };
}
