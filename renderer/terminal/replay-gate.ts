export interface TerminalChunk {
  /** Stream offset (UTF-16 units) of the chunk's first character. */
  start: number;
  data: string;
}

/**
 * Splices a thread's replayed scrollback and its live `terminal.data` chunks into one stream with
 * nothing doubled: chunks that arrive while the replay is in flight wait; afterwards only text
 * past the replay's `end` (and past what was already written) goes to the terminal.
 */
export class ReplayGate {
  /** Offset just past the last character written; null until the replay has arrived. */
  private end: number | null = null;
  private buffered: TerminalChunk[] = [];

  /**
   * `write` gets each piece of text for the terminal and how many characters of live output it
   * settles (to acknowledge once xterm has parsed it): 0 for the replay, the whole chunk for a live
   * chunk even when only part of it is new — and an empty text for a chunk that was all old.
   */
  constructor(private readonly write: (data: string, liveChars: number) => void) {}

  get replayed(): boolean {
    return this.end !== null;
  }

  /** The replay answered: write it, then whatever live output it did not already contain. */
  applyReplay(data: string, end: number): void {
    if (data) this.write(data, 0);
    this.end = end;
    const waiting = this.buffered;
    this.buffered = [];
    for (const chunk of waiting) this.applyLive(chunk);
  }

  push(chunk: TerminalChunk): void {
    if (this.end === null) this.buffered.push(chunk);
    else this.applyLive(chunk);
  }

  private applyLive(chunk: TerminalChunk): void {
    const end = this.end ?? 0;
    const chunkEnd = chunk.start + chunk.data.length;
    if (chunkEnd <= end) {
      // Already shown (in the replay or an earlier chunk); it still counts as received.
      this.write('', chunk.data.length);
      return;
    }
    // Chunks start at or after `end` per the contract; should one straddle it, only its new tail is
    // written. A gap (start > end) means output was lost upstream; showing what we have beats stalling.
    this.write(chunk.start < end ? chunk.data.slice(end - chunk.start) : chunk.data, chunk.data.length);
    this.end = chunkEnd;
  }
}
