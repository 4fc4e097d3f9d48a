/**
 * Which windows want which threads watched, as leases: a window renews while its review pane is
 * open, so a window that closes or crashes without saying goodbye stops the watching by itself.
 */
export class WatchLeases {
  private readonly leases = new Map<string, Map<string, number>>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    readonly leaseMs: number,
    /** The first lease on a thread starts its watcher; the last one to go stops it. */
    private readonly onFirst: (threadId: string) => void,
    private readonly onLast: (threadId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  renew(threadId: string, clientId: string): void {
    let holders = this.leases.get(threadId);
    const first = !holders;
    if (!holders) {
      holders = new Map();
      this.leases.set(threadId, holders);
    }
    holders.set(clientId, this.now() + this.leaseMs);
    if (first) this.onFirst(threadId);
    this.ensureSweeper();
  }

  release(threadId: string, clientId: string): boolean {
    const holders = this.leases.get(threadId);
    if (!holders?.delete(clientId)) return false;
    if (holders.size === 0) this.drop(threadId);
    return true;
  }

  isWatched(threadId: string): boolean {
    return this.leases.has(threadId);
  }

  /** Ends every lease on a thread (e.g. it was removed). */
  releaseAll(threadId: string): void {
    if (this.leases.has(threadId)) this.drop(threadId);
  }

  /** Drops expired leases; runs on a timer only while any lease exists. */
  sweep(): void {
    const now = this.now();
    for (const [threadId, holders] of this.leases) {
      for (const [clientId, expires] of holders) if (expires <= now) holders.delete(clientId);
      if (holders.size === 0) this.drop(threadId);
    }
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const threadId of [...this.leases.keys()]) this.drop(threadId);
  }

  private drop(threadId: string): void {
    this.leases.delete(threadId);
    this.onLast(threadId);
    if (this.leases.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private ensureSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, this.leaseMs / 4));
    this.sweeper.unref();
  }
}
