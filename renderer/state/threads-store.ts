import { create } from 'zustand';
import type { Thread, ThreadStatus } from '../../shared/models';
import type { WireError } from '../../shared/errors';
import { readPreference, writePreference } from './local-preference';

/** The last failed action on a thread, shown in its header until dismissed or superseded. */
export interface ThreadError {
  action: string;
  error: WireError;
}

/**
 * Sidebar filters: every thread belongs to exactly one besides "all", so the counts add up, and each
 * counts what its label says (an idle or queued agent is not "Working"; a stopped one is not "Done").
 * Archived threads (rejected in review: branch kept, thread put away) show only under "Archived";
 * "All" means all active threads.
 */
export const threadFilters = {
  all: { label: 'All', statuses: null },
  'needs-input': { label: 'Needs input', statuses: ['needs-input'] },
  working: { label: 'Working', statuses: ['starting', 'working'] },
  queued: { label: 'Queued', statuses: ['queued'] },
  idle: { label: 'Idle', statuses: ['idle'] },
  'rate-limited': { label: 'Rate-limited', statuses: ['rate-limited'] },
  stalled: { label: 'Stalled', statuses: ['stalled'] },
  done: { label: 'Done', statuses: ['done'] },
  stopped: { label: 'Stopped', statuses: ['stopped'] },
  failed: { label: 'Failed', statuses: ['failed'] },
  archived: { label: 'Archived', statuses: null },
} as const satisfies Record<string, { label: string; statuses: readonly ThreadStatus[] | null }>;
export type ThreadFilter = keyof typeof threadFilters;
export const threadFilterIds = Object.keys(threadFilters) as ThreadFilter[];

export type ThreadSort = 'attention' | 'name' | 'newest';
export const threadSortLabels: Record<ThreadSort, string> = {
  attention: 'Needs you first',
  name: 'Name',
  newest: 'Newest first',
};

export function matchesFilter(thread: Thread, filter: ThreadFilter): boolean {
  if (filter === 'archived') return thread.archived;
  if (thread.archived) return false;
  const statuses: readonly ThreadStatus[] | null = threadFilters[filter].statuses;
  return statuses === null || statuses.includes(thread.status);
}

/**
 * Since when a thread has been in its current status: the record's own `statusSince` (set where
 * the agent runs, exact), else since this window saw the status change. A record that does not
 * say (from before it was kept) and was already in its status when the window loaded counts from
 * the load (`observed` false: "at least this long").
 */
export interface StatusSince {
  status: ThreadStatus;
  at: number;
  observed: boolean;
}

/** The record's own moment, in ms; null when it does not say. */
function recordedSince(thread: Thread): number | null {
  const at = thread.statusSince ? Date.parse(thread.statusSince) : NaN;
  return Number.isFinite(at) ? at : null;
}

/** `previous` updated for `threads`: a new status starts a new clock, an unchanged one keeps it. */
export function trackStatusSince(
  previous: Record<string, StatusSince>,
  threads: readonly Thread[],
  now: number,
  unknownIsNew: boolean,
): Record<string, StatusSince> {
  let next = previous;
  for (const thread of threads) {
    const before = previous[thread.id];
    const recorded = recordedSince(thread);
    if (recorded !== null) {
      if (before?.status === thread.status && before.at === recorded && before.observed) continue;
    } else if (before && before.status === thread.status) continue;
    if (next === previous) next = { ...previous };
    next[thread.id] =
      recorded !== null
        ? { status: thread.status, at: recorded, observed: true }
        : { status: thread.status, at: now, observed: before !== undefined || unknownIsNew };
  }
  return next;
}

export interface ThreadsState {
  byId: Record<string, Thread>;
  statusSince: Record<string, StatusSince>;
  selectedId: string | null;
  lastErrorById: Record<string, ThreadError>;
  /** Remembers the selected thread per project, so switching projects back and forth keeps your place. */
  lastSelectedByProject: Record<string, string>;
  /** The sidebar's filter and order, remembered across reloads. */
  listFilter: ThreadFilter;
  listSort: ThreadSort;
  setListFilter(filter: ThreadFilter): void;
  setListSort(sort: ThreadSort): void;
  replaceAll(threads: Thread[]): void;
  upsert(thread: Thread): void;
  upsertMany(threads: Thread[]): void;
  remove(threadId: string): void;
  select(threadId: string | null): void;
  /** Selects the remembered or first thread of a project (or nothing if it has none). */
  selectWithinProject(projectId: string | null): void;
  setError(threadId: string, error: ThreadError | null): void;
}

/** Threads waiting on the dispatcher come first: they are blocked until someone answers. */
const attentionRank: Record<ThreadStatus, number> = {
  'needs-input': 0,
  queued: 1,
  starting: 1,
  working: 1,
  idle: 1,
  'rate-limited': 1,
  stalled: 1,
  done: 1,
  failed: 1,
  stopped: 1,
};

/**
 * Sidebar order: needs-input first, then oldest first. Other statuses do not reorder the list,
 * so rows stay put under the dispatcher's pointer while agents change state.
 */
export function compareThreads(a: Thread, b: Thread): number {
  return (
    attentionRank[a.status] - attentionRank[b.status] ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export const threadComparators: Record<ThreadSort, (a: Thread, b: Thread) => number> = {
  attention: compareThreads,
  name: (a, b) => collator.compare(a.name, b.name) || compareThreads(a, b),
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
};

export function threadsOfProject(
  byId: Record<string, Thread>,
  projectId: string | null,
  sort: ThreadSort = 'attention',
): Thread[] {
  if (projectId === null) return [];
  return Object.values(byId)
    .filter((thread) => thread.projectId === projectId)
    .sort(threadComparators[sort]);
}

/** How many of `threads` each filter shows. */
export function countByFilter(threads: readonly Thread[]): Record<ThreadFilter, number> {
  const counts = Object.fromEntries(threadFilterIds.map((id) => [id, 0])) as Record<ThreadFilter, number>;
  for (const thread of threads) for (const id of threadFilterIds) if (matchesFilter(thread, id)) counts[id]++;
  return counts;
}

const filterKey = 'switchyard.threadFilter';
const sortKey = 'switchyard.threadSort';

function storedFilter(): ThreadFilter {
  const stored = readPreference(filterKey);
  return stored !== null && Object.hasOwn(threadFilters, stored) ? (stored as ThreadFilter) : 'all';
}

function storedSort(): ThreadSort {
  const stored = readPreference(sortKey);
  return stored !== null && Object.hasOwn(threadSortLabels, stored) ? (stored as ThreadSort) : 'attention';
}

/** The thread to select after `removedId` disappears: the next one down, else the one above. */
export function neighbourAfterRemoval(byId: Record<string, Thread>, removedId: string): string | null {
  const removed = byId[removedId];
  if (!removed) return null;
  const siblings = threadsOfProject(byId, removed.projectId);
  const index = siblings.findIndex((thread) => thread.id === removedId);
  const next = siblings[index + 1] ?? siblings[index - 1];
  return next ? next.id : null;
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

export const useThreadsStore = create<ThreadsState>()((set, get) => ({
  byId: {},
  statusSince: {},
  selectedId: null,
  lastErrorById: {},
  lastSelectedByProject: {},
  listFilter: storedFilter(),
  listSort: storedSort(),

  setListFilter(listFilter) {
    writePreference(filterKey, listFilter === 'all' ? null : listFilter);
    set({ listFilter });
  },

  setListSort(listSort) {
    writePreference(sortKey, listSort === 'attention' ? null : listSort);
    set({ listSort });
  },

  replaceAll(threads) {
    const byId: Record<string, Thread> = {};
    for (const thread of threads) byId[thread.id] = thread;
    set((state) => {
      const tracked = trackStatusSince(state.statusSince, threads, Date.now(), false);
      const statusSince: Record<string, StatusSince> = {};
      for (const id of Object.keys(byId)) statusSince[id] = tracked[id]!;
      return {
        byId,
        statusSince,
        selectedId: state.selectedId !== null && byId[state.selectedId] ? state.selectedId : null,
      };
    });
  },

  upsert(thread) {
    set((state) => ({
      byId: { ...state.byId, [thread.id]: thread },
      statusSince: trackStatusSince(state.statusSince, [thread], Date.now(), true),
    }));
  },

  upsertMany(threads) {
    set((state) => {
      const byId = { ...state.byId };
      for (const thread of threads) byId[thread.id] = thread;
      return { byId, statusSince: trackStatusSince(state.statusSince, threads, Date.now(), true) };
    });
  },

  remove(threadId) {
    const state = get();
    if (!state.byId[threadId]) return;
    const selectedId = state.selectedId === threadId ? neighbourAfterRemoval(state.byId, threadId) : state.selectedId;
    set({
      byId: withoutKey(state.byId, threadId),
      statusSince: withoutKey(state.statusSince, threadId),
      selectedId,
      lastErrorById: withoutKey(state.lastErrorById, threadId),
    });
  },

  select(threadId) {
    set((state) => {
      const thread = threadId === null ? undefined : state.byId[threadId];
      return {
        selectedId: thread ? thread.id : null,
        lastSelectedByProject: thread
          ? { ...state.lastSelectedByProject, [thread.projectId]: thread.id }
          : state.lastSelectedByProject,
      };
    });
  },

  selectWithinProject(projectId) {
    const state = get();
    if (projectId === null) {
      set({ selectedId: null });
      return;
    }
    const current = state.selectedId !== null ? state.byId[state.selectedId] : undefined;
    if (current && current.projectId === projectId) return;
    const remembered = state.lastSelectedByProject[projectId];
    const target =
      remembered && state.byId[remembered] ? remembered : (threadsOfProject(state.byId, projectId)[0]?.id ?? null);
    set({ selectedId: target });
  },

  setError(threadId, error) {
    set((state) => ({
      lastErrorById: error ? { ...state.lastErrorById, [threadId]: error } : withoutKey(state.lastErrorById, threadId),
    }));
  },
}));
