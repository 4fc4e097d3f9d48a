/**
 * Collects terminal output and hands it on at most every `intervalMs` or once `maxChars`
 * have gathered (Hyper's 16 ms batching): fewer messages, less garbage, same bytes in order.
 */
export class OutputBatcher {
  private pending: string[] = [];
  private pendingChars = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flushTo: (data: string) => void,
    private readonly intervalMs = 16,
    private readonly maxChars = 200_000,
  ) {}

  push(data: string): void {
    if (!data) return;
    this.pending.push(data);
    this.pendingChars += data.length;
    if (this.pendingChars >= this.maxChars) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
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
    this.flushTo(data);
  }
}
