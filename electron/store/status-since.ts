import type { Thread } from '../../shared/models';

/**
 * The record as it is saved: `statusSince` moves only when the status does, whoever writes it. A
 * writer that knows the real moment (the agent host saw the change, perhaps while no app ran)
 * passes it; one that only sets the status gets `now`. While the status stays, the stored moment
 * stays, unless the writer gives another (an app adopting an agent takes the host's). An unknown
 * moment (a record from before it was kept) stays unknown until the status next changes.
 */
export function withStatusSince(
  stored: Thread | undefined,
  next: Thread,
  now: () => string = () => new Date().toISOString(),
): Thread {
  if (!stored) return next.statusSince ? next : { ...next, statusSince: now() };
  if (next.status !== stored.status) {
    // Later than the stored one, or it is the stored moment carried along (or a stale one): now.
    const known = next.statusSince !== null && (stored.statusSince === null || next.statusSince > stored.statusSince);
    return known ? next : { ...next, statusSince: now() };
  }
  const statusSince = next.statusSince ?? stored.statusSince;
  return statusSince === next.statusSince ? next : { ...next, statusSince };
}
