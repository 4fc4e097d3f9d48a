import type { Thread, ThreadStatus } from './models';

/**
 * Statuses that call for the dispatcher: a question to answer, a result to review, an agent stalled
 * or stuck. Not `rate-limited`: that waits on the provider, and ends by itself.
 */
export const attentionStatuses: ReadonlySet<ThreadStatus> = new Set(['needs-input', 'done', 'failed', 'stalled']);

/** The notification's words for a thread that has just reached its status (desktop and browser alike). */
export function attentionNotice(thread: Thread): { title: string; body: string } {
  const body = thread.statusReason || thread.branch;
  if (thread.status === 'needs-input') return { title: `${thread.name} needs your input`, body };
  if (thread.status === 'done') return { title: `${thread.name} finished`, body };
  if (thread.status === 'stalled') {
    const guess = thread.statusReason?.startsWith('stuck?');
    return { title: guess ? `${thread.name} may be stuck` : `${thread.name} has stalled`, body };
  }
  return { title: `${thread.name} failed`, body };
}
