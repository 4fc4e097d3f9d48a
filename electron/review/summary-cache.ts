import type { Thread } from '../../shared/models';
import { readReviewSummary, type SummaryResult } from './read-review-summary';

/**
 * Each thread's latest summary, computed at most once at a time per thread (callers share the
 * computation in flight), and recomputed once more when changes arrive during a computation.
 */
export class SummaryCache {
  private readonly results = new Map<string, { result: SummaryResult; dirty: boolean }>();
  private readonly inFlight = new Map<string, Promise<SummaryResult>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly threadOf: (threadId: string) => Thread,
    private readonly hazardsOf: (projectId: string) => readonly string[],
    /** A recomputation triggered by a change found a different revision. */
    private readonly onChanged: (threadId: string, revision: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** The cached result when it is known to be current, else a fresh one. */
  async current(threadId: string, trustCache: boolean): Promise<SummaryResult> {
    const cached = this.results.get(threadId);
    if (cached && !cached.dirty && trustCache) return cached.result;
    return this.compute(threadId);
  }

  /** The last result, whatever its age (file diffs are read against the summary the window shows). */
  latest(threadId: string): SummaryResult | null {
    return this.results.get(threadId)?.result ?? null;
  }

  /** The worktree changed: recompute, and tell windows if anything they show moved. */
  invalidate(threadId: string): void {
    const cached = this.results.get(threadId);
    if (cached) cached.dirty = true;
    if (this.inFlight.has(threadId)) {
      this.again.add(threadId);
      return;
    }
    void this.refresh(threadId);
  }

  /** Forget a thread (removed, or no window watches it so nothing keeps the cache current). */
  markStale(threadId: string): void {
    const cached = this.results.get(threadId);
    if (cached) cached.dirty = true;
  }

  forget(threadId: string): void {
    this.results.delete(threadId);
    this.again.delete(threadId);
  }

  private async refresh(threadId: string): Promise<void> {
    const before = this.results.get(threadId)?.result.summary.revision ?? null;
    try {
      const { summary } = await this.compute(threadId);
      if (summary.revision !== before) this.onChanged(threadId, summary.revision);
    } catch (error) {
      this.log(`[switchyard] review: could not refresh ${threadId}: ${(error as Error).message}`);
    }
    if (this.again.delete(threadId)) await this.refresh(threadId);
  }

  private compute(threadId: string): Promise<SummaryResult> {
    const existing = this.inFlight.get(threadId);
    if (existing) return existing;
    const running = (async () => {
      try {
        const thread = this.threadOf(threadId);
        const result = await readReviewSummary(thread, this.hazardsOf(thread.projectId));
        this.results.set(threadId, { result, dirty: false });
        return result;
      } finally {
        this.inFlight.delete(threadId);
      }
    })();
    this.inFlight.set(threadId, running);
    return running;
  }
}
