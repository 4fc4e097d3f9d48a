import { flowControl } from '../../shared/flow-control';
import type { ClientLink } from '../api/client-link';
import { OutputBatcher } from './output-batcher';
import { ScrollbackRing } from './scrollback-ring';
import type { TerminalLog } from './terminal-log';

/** What produces the output: paused when viewers fall behind, resumed when they catch up. */
export interface FlowTarget {
  pause(): void;
  resume(): void;
}

export interface FlowControlOptions {
  /** Unacknowledged characters above which the producer is paused (shared/flow-control.ts). */
  readonly highWatermark?: number;
  /** ... and at or below which it is resumed. */
  readonly lowWatermark?: number;
  readonly scrollbackChars?: number;
}

interface Viewer {
  readonly link: ClientLink;
  /** Characters sent to this viewer that its xterm has not yet reported parsed. */
  unacked: number;
}

/**
 * One thread's terminal output as a stream: batched (16 ms), kept in a bounded ring for replay and
 * in a bounded log on disk, sent only to the windows that show it, and flow-controlled end to end —
 * the producer pauses while any viewer has more than the high watermark unparsed.
 */
export class TerminalStream {
  private readonly ring: ScrollbackRing;
  private readonly batcher: OutputBatcher;
  private readonly viewers = new Map<string, Viewer>();
  private readonly high: number;
  private readonly low: number;
  private target: FlowTarget | null = null;
  private paused = false;

  constructor(
    private readonly threadId: string,
    private readonly log: TerminalLog | null,
    options: FlowControlOptions = {},
  ) {
    this.high = options.highWatermark ?? flowControl.highWatermark;
    this.low = options.lowWatermark ?? flowControl.lowWatermark;
    this.ring = new ScrollbackRing(options.scrollbackChars ?? 1_000_000);
    this.batcher = new OutputBatcher((data) => this.deliver(data));
  }

  /** Seeds the ring with earlier output (from the log, after a restart) without logging it again. */
  restore(earlier: string): void {
    if (earlier) this.ring.append(earlier);
  }

  /** The process whose output this is now; a new process starts unpaused. */
  setProducer(target: FlowTarget | null): void {
    this.target = target;
    this.paused = false;
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

  /** Starts sending to `link`; returns everything it has to show first. */
  attach(link: ClientLink): { data: string; end: number } {
    this.batcher.flush();
    this.viewers.set(link.id, { link, unacked: 0 });
    return this.ring.snapshot();
  }

  detach(linkId: string): boolean {
    const removed = this.viewers.delete(linkId);
    this.updateFlow();
    return removed;
  }

  ack(linkId: string, chars: number): void {
    const viewer = this.viewers.get(linkId);
    if (!viewer) return;
    viewer.unacked = Math.max(0, viewer.unacked - chars);
    this.updateFlow();
  }

  private deliver(data: string): void {
    const start = this.ring.end;
    this.ring.append(data);
    this.log?.append(data);
    for (const viewer of this.viewers.values()) {
      viewer.unacked += data.length;
      viewer.link.send('terminal.data', { threadId: this.threadId, start, data });
    }
    this.updateFlow();
  }

  private updateFlow(): void {
    if (!this.target) return;
    let behind = 0;
    for (const viewer of this.viewers.values()) behind = Math.max(behind, viewer.unacked);
    if (!this.paused && behind > this.high) {
      this.paused = true;
      this.target.pause();
    } else if (this.paused && behind <= this.low) {
      this.paused = false;
      this.target.resume();
    }
  }
}
