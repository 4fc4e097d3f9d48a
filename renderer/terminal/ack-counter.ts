/**
 * Acknowledges terminal output to the host after xterm has parsed it (not when it arrived), in
 * steps (shared/flow-control.ts), with `flush` for the remainder once output pauses.
 */
export class AckCounter {
  private pending = 0;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly step = 5_000,
  ) {}

  parsed(chars: number): void {
    this.pending += chars;
    while (this.pending >= this.step) {
      this.send(this.step);
      this.pending -= this.step;
    }
  }

  /** Sends what is left, e.g. when the output stops short of a full step. */
  flush(): void {
    if (this.pending > 0) this.send(this.pending);
    this.pending = 0;
  }
}
