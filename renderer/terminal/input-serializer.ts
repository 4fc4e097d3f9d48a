/** Under the contract's 1 000 000-character limit for one `terminal.input`, with room to spare. */
export const maxInputChunk = 256 * 1024;

/**
 * Sends keystrokes strictly in order: one request in flight at a time, and whatever is typed
 * meanwhile goes out as one batch when it returns. (Firing requests without waiting could let the
 * host handle them out of order; batching keeps fast typing and pastes cheap.)
 */
export class InputSerializer {
  private pending = '';
  private sending = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly send: (data: string) => Promise<unknown>) {}

  push(data: string): void {
    if (!data) return;
    this.pending += data;
    if (!this.sending) void this.pump();
  }

  /** Resolves once everything pushed so far has been sent (used by tests). */
  whenIdle(): Promise<void> {
    if (!this.sending && !this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async pump(): Promise<void> {
    this.sending = true;
    while (this.pending) {
      const chunk = takeChunk(this.pending);
      this.pending = this.pending.slice(chunk.length);
      try {
        await this.send(chunk);
      } catch {
        // The sender reports its own failures; the queue must keep going regardless.
      }
    }
    this.sending = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Up to `maxInputChunk` characters, never splitting a surrogate pair across two requests. */
function takeChunk(text: string): string {
  if (text.length <= maxInputChunk) return text;
  const last = text.charCodeAt(maxInputChunk - 1);
  const isHighSurrogate = last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, isHighSurrogate ? maxInputChunk - 1 : maxInputChunk);
}
