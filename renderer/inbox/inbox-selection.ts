import type { Project, Thread, ThreadStatus } from '../../shared/models';
import type { StatusSince } from '../state/threads-store';

/**
 * What the inbox lists: agents blocked on the dispatcher, agents stalled (retrying a dead
 * connection, or silent for too long: someone should look), and agents that failed. A
 * rate-limited agent waits on its provider, not on the dispatcher, so it is not here.
 */
export const inboxStatuses: ReadonlySet<ThreadStatus> = new Set(['needs-input', 'stalled', 'failed']);

export interface InboxRow {
  thread: Thread;
  /** Since when the thread is in its status (ms since the epoch): its record's statusSince, else when this window saw it. */
  since: number;
  /** False when the record does not say and the thread was already waiting when the window loaded: at least this long. */
  observed: boolean;
}

export interface InboxGroup {
  project: Project;
  rows: InboxRow[];
}

const inboxOrder: readonly ThreadStatus[] = ['needs-input', 'stalled', 'failed'];
const statusRank = (thread: Thread) => inboxOrder.indexOf(thread.status);

/**
 * The "Needs you" inbox: the waiting, stalled and failed threads of every open project, grouped by project
 * (in the projects' order), those waiting for input first, then the longest waiting first.
 * Archived threads are put away and never count; threads of a project not open are left out.
 */
export function inboxGroups(
  byId: Record<string, Thread>,
  projects: readonly Project[],
  statusSince: Record<string, StatusSince>,
  now = Date.now(),
): InboxGroup[] {
  const rowsByProject = new Map<string, InboxRow[]>();
  for (const thread of Object.values(byId)) {
    if (thread.archived || !inboxStatuses.has(thread.status)) continue;
    const since = statusSince[thread.id];
    const row: InboxRow = { thread, since: since?.at ?? now, observed: since?.observed ?? false };
    const rows = rowsByProject.get(thread.projectId) ?? [];
    rows.push(row);
    rowsByProject.set(thread.projectId, rows);
  }
  const groups: InboxGroup[] = [];
  for (const project of projects) {
    const rows = rowsByProject.get(project.id);
    if (!rows) continue;
    rows.sort(
      (a, b) =>
        statusRank(a.thread) - statusRank(b.thread) ||
        a.since - b.since ||
        a.thread.createdAt.localeCompare(b.thread.createdAt) ||
        a.thread.id.localeCompare(b.thread.id),
    );
    groups.push({ project, rows });
  }
  return groups;
}

/** How many threads the inbox lists (the top bar's badge). */
export function inboxCount(byId: Record<string, Thread>, projects: readonly Project[]): number {
  const open = new Set(projects.map((project) => project.id));
  let count = 0;
  for (const thread of Object.values(byId)) {
    if (!thread.archived && inboxStatuses.has(thread.status) && open.has(thread.projectId)) count++;
  }
  return count;
}
