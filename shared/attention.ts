import type { Thread, ThreadStatus } from './models';

/** Statuses that call for the dispatcher: a question to answer, a result to review. */
export const attentionStatuses: ReadonlySet<ThreadStatus> = new Set(['needs-input', 'done', 'failed']);

/** The notification's words for a thread that has just reached its status (desktop and browser alike). */
export function attentionNotice(thread: Thread): { title: string; body: string } {
  const body = thread.statusReason || thread.branch;
  if (thread.status === 'needs-input') return { title: `${thread.name} needs your input`, body };
  if (thread.status === 'done') return { title: `${thread.name} finished`, body };
  return { title: `${thread.name} failed`, body };
}
