import { attentionStatuses } from '../../shared/attention';
import type { Thread } from '../../shared/models';

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
