import { flowControl } from '../../shared/flow-control';

/**
 * Collects terminal output and hands it on at most every `intervalMs` or once `maxChars` have
 * gathered (Hyper's 16 ms batching): fewer messages, less garbage, same bytes in order. Output
 * that follows a quiet spell goes at once (leading edge), so a keystroke's echo is not held back
 * for a batch that never fills; only a steady stream waits out the interval.
 */
export class OutputBatcher {
  private pending: string[] = [];
  private pendingChars = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly flushTo: (data: string) => void,
    private readonly intervalMs = 16,
    private readonly maxChars: number = flowControl.maxBatchChars,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(data: string): void {
    if (!data) return;
    this.pending.push(data);
    this.pendingChars += data.length;
    if (this.pendingChars >= this.maxChars) {
      this.flush();
      return;
    }
    if (this.timer) return;
    const wait = this.lastFlushAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pendingChars === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.lastFlushAt = this.now();
    this.flushTo(data);
  }
}
