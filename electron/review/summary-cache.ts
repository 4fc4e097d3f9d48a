import type { Thread } from '../../shared/models';
import type { ReviewDetails } from '../../shared/review';
import { detailsOf, readReviewSummary, type SummaryReading, type SummaryResult } from './read-review-summary';

interface Entry {
  readonly reading: SummaryReading;
  /** The reading with its details, once they are in. */
  completed: SummaryResult | null;
  dirty: boolean;
}

/**
 * Each thread's latest summary, computed at most once at a time per thread (callers share the
 * computation in flight), and recomputed once more when changes arrive during a computation.
 * A summary comes in two steps (the list, then the details: line counts, commits, behind/ahead):
 * callers that can show the list without them get it as soon as it is known.
 */
export class SummaryCache {
  private readonly results = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly threadOf: (threadId: string) => Thread,
    private readonly hazardsOf: (projectId: string) => readonly string[],
    /** A recomputation triggered by a change found a different revision. */
    private readonly onChanged: (threadId: string, revision: string) => void,
    private readonly log: (message: string) => void,
    /** A list was read for a window waiting to show it (which will ask for its first files' diffs next). */
    private readonly onListed: (threadId: string, list: SummaryResult) => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /**
   * The cached result when it is known to be current, else a fresh one; with `detailsLater`, as
   * soon as the files are listed (the details may be pending), else complete.
   */
  async current(threadId: string, trustCache: boolean, detailsLater = false): Promise<SummaryResult> {
    const cached = this.results.get(threadId);
    const entry = cached && !cached.dirty && trustCache ? cached : await this.compute(threadId, detailsLater);
    if (detailsLater) return entry.completed ?? entry.reading.list;
    return this.complete(threadId, entry);
  }

  /**
   * The details of the summary with `revision`; when the thread's summary has moved on since,
   * those of the current one (the caller sees the other revision and asks for the new list).
   */
  async details(threadId: string, revision: string, trustCache: boolean): Promise<ReviewDetails> {
    const cached = this.results.get(threadId);
    if (cached?.reading.list.summary.revision === revision) return detailsOf(await this.complete(threadId, cached));
    return detailsOf(await this.current(threadId, trustCache));
  }

  /** The entry's complete summary, its details read now if no one asked for them before. */
  private async complete(threadId: string, entry: Entry): Promise<SummaryResult> {
    try {
      entry.completed = await entry.reading.complete();
      return entry.completed;
    } catch (error) {
      this.log(`[switchyard] review: could not read the details of ${threadId}: ${(error as Error).message}`);
      throw error;
    }
  }

  /** Resolves once no summary of the thread is being listed (whatever the outcome). */
  async settled(threadId: string): Promise<void> {
    await this.inFlight.get(threadId)?.catch(() => undefined);
  }

  /** The last result, whatever its age (file diffs are read against the summary the window shows). */
  latest(threadId: string): SummaryResult | null {
    const entry = this.results.get(threadId);
    return entry ? (entry.completed ?? entry.reading.list) : null;
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
    const before = this.results.get(threadId)?.reading.list.summary.revision ?? null;
    try {
      const { reading } = await this.compute(threadId, false);
      if (reading.list.summary.revision !== before) this.onChanged(threadId, reading.list.summary.revision);
    } catch (error) {
      this.log(`[switchyard] review: could not refresh ${threadId}: ${(error as Error).message}`);
    }
    if (this.again.delete(threadId)) await this.refresh(threadId);
  }

  private compute(threadId: string, forWindow: boolean): Promise<Entry> {
    const existing = this.inFlight.get(threadId);
    if (existing) return existing;
    const running = (async () => {
      try {
        const thread = this.threadOf(threadId);
        const reading = await readReviewSummary(thread, this.hazardsOf(thread.projectId));
        const entry: Entry = { reading, completed: null, dirty: false };
        this.results.set(threadId, entry);
        if (forWindow) void this.onListed(threadId, reading.list).catch(() => undefined);
        return entry;
      } finally {
        this.inFlight.delete(threadId);
      }
    })();
    this.inFlight.set(threadId, running);
    return running;
  }
}
