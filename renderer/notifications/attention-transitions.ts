import type { Thread, ThreadStatus } from '../../shared/models';

const attentionStatuses: ReadonlySet<ThreadStatus> = new Set(['needs-input', 'done', 'failed']);

/**
 * Threads that have just come to need the dispatcher: known before, in another status then, now
 * needing input, done or failed. A thread seen for the first time (a full load, a reconnect's
 * reload of a thread created elsewhere) is not a transition, and neither is a change of reason.
 */
export function attentionTransitions(previous: Record<string, Thread>, next: Record<string, Thread>): Thread[] {
  if (previous === next) return [];
  const arrived: Thread[] = [];
  for (const thread of Object.values(next)) {
    const before = previous[thread.id];
    if (before && before.status !== thread.status && attentionStatuses.has(thread.status)) arrived.push(thread);
  }
  return arrived;
}

/** The notification's words for a thread that has just reached its status. */
export function attentionNotice(thread: Thread): { title: string; body: string } {
  const body = thread.statusReason || thread.branch;
  if (thread.status === 'needs-input') return { title: `${thread.name} needs your input`, body };
  if (thread.status === 'done') return { title: `${thread.name} finished`, body };
  return { title: `${thread.name} failed`, body };
}
