import type { Thread } from '../../shared/models';
import type { ConflictMatrix, EntryRisk, QueueEntryView } from '../../shared/merge-queue';
import type { ProjectQueue } from './queue-store';
import type { OrderSuggestion } from './suggest-order';

/** Threads that belong in the queue: approved (or queued anyway), not archived, not landed into the target. */
export function queuedThreads(threads: readonly Thread[], queue: ProjectQueue, target: string): Thread[] {
  return threads.filter(
    (t) =>
      !t.archived && t.merged?.into !== target && (t.review.state === 'approved' || queue.queuedAnyway.includes(t.id)),
  );
}

/** The dispatcher's order first, then anything newly queued in the suggested order. */
export function orderedThreads(
  queued: readonly Thread[],
  queue: ProjectQueue,
  suggestion: OrderSuggestion | null,
): Thread[] {
  const byId = new Map(queued.map((t) => [t.id, t]));
  const ordered = queue.order.filter((id) => byId.has(id));
  const rest = (suggestion?.order ?? queued.map((t) => t.id)).filter((id) => byId.has(id) && !ordered.includes(id));
  for (const t of queued) if (!ordered.includes(t.id) && !rest.includes(t.id)) rest.push(t.id);
  return [...ordered, ...rest].map((id) => byId.get(id) as Thread);
}

/** An entry's conflict risk and why, read off the matrix. */
export function riskOf(
  thread: Thread,
  matrix: ConflictMatrix | null,
  names: ReadonlyMap<string, string>,
): {
  risk: EntryRisk;
  reasons: string[];
} {
  if (!matrix || !(thread.branch in matrix.tips)) return { risk: 'unknown', reasons: ['not computed yet'] };
  const label = (branch: string) => (branch === matrix.target ? `the target ${branch}` : (names.get(branch) ?? branch));
  const mine = matrix.pairs.filter((p) => p.a === thread.branch || p.b === thread.branch);
  const other = (p: { a: string; b: string }) => (p.a === thread.branch ? p.b : p.a);
  const conflicts = mine.filter((p) => !p.clean);
  if (conflicts.length) {
    return {
      risk: 'conflict',
      reasons: conflicts.map((p) => `conflicts with ${label(other(p))} in ${p.conflicts.join(', ')}`),
    };
  }
  const overlaps = mine.filter((p) => p.overlap.length);
  if (overlaps.length) {
    return {
      risk: 'overlap',
      reasons: overlaps.map((p) => `merges cleanly with ${label(other(p))} but both change ${p.overlap.join(', ')}`),
    };
  }
  return { risk: 'clean', reasons: ['merges cleanly with the target and every other entry'] };
}

export function entryViews(
  ordered: readonly Thread[],
  queue: ProjectQueue,
  matrix: ConflictMatrix | null,
  suggestion: OrderSuggestion | null,
  allThreads: readonly Thread[],
  blockingFindings: (threadId: string) => number = () => 0,
): QueueEntryView[] {
  const names = new Map(ordered.map((t) => [t.branch, t.name]));
  const nameOf = new Map(allThreads.map((t) => [t.id, t.name]));
  return ordered.map((t) => {
    const tip = matrix?.tips[t.branch] ?? null;
    const { risk, reasons } = riskOf(t, matrix, names);
    const index = suggestion?.order?.indexOf(t.id) ?? -1;
    return {
      threadId: t.id,
      name: t.name,
      branch: t.branch,
      tip,
      reviewState: t.review.state,
      approvalStale:
        t.review.state === 'approved' && tip !== null && t.review.commit !== null && t.review.commit !== tip,
      queuedAnyway: t.review.state !== 'approved',
      skipped: queue.skipped.includes(t.id),
      risk,
      riskReasons: reasons,
      suggestedIndex: index >= 0 ? index : null,
      orderReason: suggestion?.reasons[t.id] ?? '',
      dependsOn: (t.brief?.dependsOn ?? []).map((id) => nameOf.get(id) ?? id),
      blockingFindings: blockingFindings(t.id),
    };
  });
}
