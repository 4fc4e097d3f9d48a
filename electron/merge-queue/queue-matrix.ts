import { matrixRecomputeDelayMs } from '../../shared/limits';
import type { ConflictMatrix } from '../../shared/merge-queue';
import { branchExists } from '../git/branch';
import { computeConflictMatrix } from './conflict-matrix';
import type { QueueContext } from './queue-context';
import { queuedThreads } from './queue-entries';
import { VerdictCache } from './verdict-cache';

/**
 * Each project's conflict matrix: computed on demand, and again (debounced) when something that
 * can move a tip happens, never on a timer. Verdicts are cached per repository by tip, so only
 * pairs whose tips moved are merged again.
 */
export class QueueMatrices {
  private readonly caches = new Map<string, VerdictCache>();
  private readonly matrices = new Map<string, ConflictMatrix>();
  private readonly errors = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  /** Projects whose recompute waits for landings to end: how many, and whether one was asked for meanwhile. */
  private readonly held = new Map<string, { landings: number; asked: boolean }>();
  private closed = false;

  /** `onRecomputed` runs after each scheduled recompute (the view goes out to every window). */
  constructor(
    private readonly context: QueueContext,
    private readonly onRecomputed: (projectId: string) => Promise<unknown>,
  ) {}

  matrix(projectId: string): ConflictMatrix | null {
    return this.matrices.get(projectId) ?? null;
  }

  /** Why the last recompute failed, if it did. */
  error(projectId: string): string | null {
    return this.errors.get(projectId) ?? null;
  }

  /** Whether a recompute has run (or failed) for the project. */
  known(projectId: string): boolean {
    return this.matrices.has(projectId) || this.errors.has(projectId);
  }

  /** A tip may have moved: recompute once things settle, for a queue whose matrix was asked for. */
  schedule(projectId: string): void {
    if (this.closed || !this.matrices.has(projectId)) return;
    const held = this.held.get(projectId);
    if (held) {
      held.asked = true;
      return;
    }
    clearTimeout(this.timers.get(projectId));
    this.timers.set(
      projectId,
      setTimeout(() => {
        this.timers.delete(projectId);
        // Whichever step fails (the recompute, or the view after it, e.g. the repository went
        // away meanwhile) is logged: a background refresh must never become an unhandled rejection.
        this.recompute(projectId)
          .then(() => (this.closed ? undefined : this.onRecomputed(projectId)))
          .catch((error: unknown) => this.context.log(`merge queue: ${String(error)}`));
      }, matrixRecomputeDelayMs),
    );
  }

  /** Drops a scheduled recompute: the caller recomputes now and sends the view itself. */
  cancelScheduled(projectId: string): void {
    clearTimeout(this.timers.get(projectId));
    this.timers.delete(projectId);
  }

  /**
   * While a landing runs, what would be scheduled is only noted: the landing recomputes once, at
   * its end. A recompute already scheduled counts as noted.
   */
  hold(projectId: string): void {
    const held = this.held.get(projectId) ?? { landings: 0, asked: false };
    this.held.set(projectId, { landings: held.landings + 1, asked: held.asked || this.timers.has(projectId) });
    this.cancelScheduled(projectId);
  }

  /** Ends a hold; returns whether a recompute was asked for meanwhile (and, for the last hold, forgets it). */
  release(projectId: string): boolean {
    const held = this.held.get(projectId);
    if (!held) return false;
    held.landings--;
    if (held.landings === 0) this.held.delete(projectId);
    return held.asked;
  }

  /** Recomputes the project's matrix now (after one already running, which may have read older tips). */
  recompute(projectId: string): Promise<void> {
    const running = this.running.get(projectId);
    if (running) return running.then(() => this.recompute(projectId));
    const job = this.compute(projectId).finally(() => this.running.delete(projectId));
    this.running.set(projectId, job);
    return job;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private async compute(projectId: string): Promise<void> {
    const project = this.context.project(projectId);
    const queue = this.context.store.get(projectId);
    const { base, target } = await this.context.targetOf(projectId);
    const against = (await branchExists(project.path, target)) ? target : base;
    const branches = [];
    for (const t of queuedThreads(this.context.projectThreads(projectId), queue, target)) {
      if (await branchExists(project.path, t.branch)) branches.push(t.branch);
    }
    const cache = this.caches.get(project.path) ?? new VerdictCache();
    this.caches.set(project.path, cache);
    try {
      this.matrices.set(projectId, await computeConflictMatrix(project.path, against, branches, cache));
      this.errors.delete(projectId);
    } catch (error) {
      this.errors.set(projectId, error instanceof Error ? error.message : String(error));
    }
  }
}
