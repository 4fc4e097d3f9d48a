import { flowControl } from '../../shared/flow-control';
import { OutputBatcher } from './output-batcher';
import type { TerminalViewer } from './terminal-viewer';

/** What produces the output: paused when viewers fall behind, resumed when they catch up. */
export interface FlowTarget {
  pause(): void;
  resume(): void;
}

/** Where the stream's output goes on disk (terminal-log.ts): queued writes it can wait for. */
export interface StreamLog {
  append(data: string): void;
  /** Characters appended and not yet written. */
  readonly pendingChars: number;
  /** Called after each write reaches the disk. */
  onWritten(listener: (() => void) | null): void;
}

/** Every number defaults to shared/flow-control.ts; tests make them small. */
export interface FlowControlOptions {
  /** Unacknowledged characters above which the producer is paused. */
  readonly highWatermark?: number;
  /** ... and at or below which it is resumed. */
  readonly lowWatermark?: number;
  /** How fast output is read while nobody watches, after a burst of `unseenBurstChars`. */
  readonly unseenCharsPerSecond?: number;
  readonly unseenBurstChars?: number;
  /** Characters waiting for the log above which the producer is paused, and at or below which it resumes. */
  readonly logHighWatermark?: number;
  readonly logLowWatermark?: number;
  readonly transportPollMs?: number;
  readonly now?: () => number;
}

interface Viewer {
  readonly link: TerminalViewer;
  /** Characters sent to this viewer that it has not yet reported parsed. */
  unacked: number;
}

/**
 * One thread's terminal output as a stream: batched (16 ms), drawn into the thread's screen mirror
 * (what a window that attaches is shown) and into a bounded log on disk, sent only to the windows
 * that show it, and flow-controlled end to end. Output is counted, not kept: a pane is restored
 * from the mirror, never by replaying raw output, so a copy of it here would only cost memory
 * (1 MB a thread under a flood).
 *
 * The producer is paused while any of these holds (and resumed once none does):
 * - a viewer is behind: more than the high watermark sent and not acknowledged, or more than that
 *   still waiting in the host for its connection (an acknowledgement cannot vouch for output that
 *   has not even left — a window that acks without reading must not make the host hold more);
 * - nobody watches and the thread has used up its unwatched budget (shared/flow-control.ts);
 * - the log is more than its high watermark behind the disk.
 */
export class TerminalStream {
  /** Characters delivered so far (with any restored): the offset the next chunk starts at. */
  private end = 0;
  private readonly batcher: OutputBatcher;
  private readonly viewers = new Map<string, Viewer>();
  private readonly high: number;
  private readonly low: number;
  private readonly unseenRate: number;
  private readonly unseenBurst: number;
  private readonly logHigh: number;
  private readonly logLow: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private target: FlowTarget | null = null;
  private paused = false;
  /** Unwatched characters that may still be read at once (a token bucket; negative: overdrawn). */
  private unseenCredit: number;
  private creditAt: number;
  private recheckTimer: NodeJS.Timeout | null = null;
  /** Attaches drawing a snapshot: output is held back meanwhile so the snapshot ends exactly at `end`. */
  private holding = 0;
  private held: string[] = [];

  constructor(
    private readonly threadId: string,
    private readonly log: StreamLog | null,
    options: FlowControlOptions = {},
    /** Gets every character the viewers get (screen-mirror.ts), so a pane can be restored from it. */
    private readonly mirror: { write(data: string): void } | null = null,
  ) {
    this.high = options.highWatermark ?? flowControl.highWatermark;
    this.low = options.lowWatermark ?? flowControl.lowWatermark;
    this.unseenRate = options.unseenCharsPerSecond ?? flowControl.unseenCharsPerSecond;
    this.unseenBurst = options.unseenBurstChars ?? flowControl.unseenBurstChars;
    this.logHigh = options.logHighWatermark ?? flowControl.logHighWatermark;
    this.logLow = options.logLowWatermark ?? flowControl.logLowWatermark;
    this.pollMs = options.transportPollMs ?? flowControl.transportPollMs;
    this.now = options.now ?? (() => performance.now());
    this.batcher = new OutputBatcher((data) => (this.holding > 0 ? this.held.push(data) : this.deliver(data)));
    this.unseenCredit = this.unseenBurst;
    this.creditAt = this.now();
    log?.onWritten(() => {
      if (this.paused) this.updateFlow();
    });
  }

  /** Draws earlier output (from the log, after a restart) into the mirror without logging it again. */
  restore(earlier: string): void {
    if (!earlier) return;
    this.end += earlier.length;
    this.mirror?.write(earlier);
  }

  /** The process whose output this is now; a new process starts unpaused. */
  setProducer(target: FlowTarget | null): void {
    this.target = target;
    this.paused = false;
    this.clearRecheck();
    this.updateFlow();
  }

  push(data: string): void {
    this.batcher.push(data);
  }

  flush(): void {
    this.batcher.flush();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Starts sending to `link` from now on, with nothing to show first; returns the offset live output continues from. */
  attach(link: TerminalViewer): number {
    this.batcher.flush();
    this.viewers.set(link.id, { link, unacked: 0 });
    // Watched now: the unwatched budget no longer applies.
    this.updateFlow();
    return this.end;
  }

  /**
   * Starts sending to `link`, which first gets `render()` (a snapshot of the screen drawn from the
   * mirror): output is held back until it is drawn, so the snapshot ends exactly at `end` and live
   * output continues from there with nothing doubled or missing.
   */
  async attachRendered(link: TerminalViewer, render: () => Promise<string>): Promise<{ data: string; end: number }> {
    this.batcher.flush();
    this.holding++;
    try {
      const data = await render();
      this.viewers.set(link.id, { link, unacked: 0 });
      return { data, end: this.end };
    } finally {
      this.holding--;
      if (this.holding === 0) {
        const held = this.held;
        this.held = [];
        for (const data of held) this.deliver(data);
      }
      this.updateFlow();
    }
  }

  detach(linkId: string): boolean {
    const removed = this.viewers.delete(linkId);
    this.updateFlow();
    return removed;
  }

  /**
   * A viewer's xterm has parsed `chars` more characters. Only output actually sent to it and not
   * acknowledged yet can be acknowledged: anything beyond is dropped (never banked as credit for
   * output still to come), and a count that is not a positive whole number is ignored.
   */
  ack(linkId: string, chars: number): void {
    const viewer = this.viewers.get(linkId);
    if (!viewer || !Number.isSafeInteger(chars) || chars <= 0) return;
    viewer.unacked -= Math.min(chars, viewer.unacked);
    this.updateFlow();
  }

  private deliver(data: string): void {
    const start = this.end;
    this.end += data.length;
    this.log?.append(data);
    this.mirror?.write(data);
    this.spendUnseenCredit(this.viewers.size === 0 ? data.length : 0);
    for (const viewer of this.viewers.values()) {
      viewer.unacked += data.length;
      viewer.link.send('terminal.data', { threadId: this.threadId, start, data });
    }
    this.updateFlow();
  }

  /** Refills the unwatched budget for the time gone by, then takes `chars` from it. */
  private spendUnseenCredit(chars: number): void {
    const now = this.now();
    const refill = ((now - this.creditAt) / 1000) * this.unseenRate;
    this.creditAt = now;
    this.unseenCredit = Math.min(this.unseenBurst, this.unseenCredit + refill) - chars;
  }

  /** How far the furthest-behind viewer is: unacknowledged characters, or bytes its connection still holds. */
  private viewersBehind(): number {
    let behind = 0;
    for (const viewer of this.viewers.values()) {
      behind = Math.max(behind, viewer.unacked, viewer.link.queuedBytes?.() ?? 0);
    }
    return behind;
  }

  /** Why the producer must wait now, or null; the low marks apply while paused (hysteresis). */
  private holdReason(): 'viewer' | 'unseen' | 'log' | null {
    const logPending = this.log?.pendingChars ?? 0;
    if (logPending > (this.paused ? this.logLow : this.logHigh)) return 'log';
    if (this.viewers.size === 0) {
      this.spendUnseenCredit(0);
      return this.unseenCredit < 0 ? 'unseen' : null;
    }
    return this.viewersBehind() > (this.paused ? this.low : this.high) ? 'viewer' : null;
  }

  private updateFlow(): void {
    this.clearRecheck();
    if (!this.target) return;
    const hold = this.holdReason();
    if (!this.paused && hold) {
      this.paused = true;
      this.target.pause();
    } else if (this.paused && !hold) {
      this.paused = false;
      this.target.resume();
    }
    // Acks and log writes call back; the clock and a connection draining do not, so look again.
    if (hold === 'unseen') this.recheckIn(((-this.unseenCredit + 1) / this.unseenRate) * 1000);
    else if (hold === 'viewer' && this.heldByConnection()) this.recheckIn(this.pollMs);
  }

  /** Whether a connection's unsent bytes, rather than acknowledgements, keep the producer paused. */
  private heldByConnection(): boolean {
    for (const viewer of this.viewers.values()) {
      if ((viewer.link.queuedBytes?.() ?? 0) > this.low) return true;
    }
    return false;
  }

  private recheckIn(ms: number): void {
    this.recheckTimer = setTimeout(
      () => {
        this.recheckTimer = null;
        this.updateFlow();
      },
      Math.max(1, Math.ceil(ms)),
    );
    this.recheckTimer.unref?.();
  }

  private clearRecheck(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }
}
