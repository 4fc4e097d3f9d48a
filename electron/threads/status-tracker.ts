import type { ThreadStatus } from '../../shared/models';
import { lastLines } from './screen-text';

export interface StatusChange {
  readonly status: ThreadStatus;
  readonly reason: string | null;
}

export interface StatusTrackerOptions {
  readonly needsInputPatterns: readonly string[];
  /** Output silence after which the screen is read for a question. */
  readonly settleMs?: number;
  /** Output silence after which a thread with no question counts as idle. */
  readonly idleMs?: number;
  readonly onChange: (change: StatusChange) => void;
}

const tailChars = 4000;

/**
 * Derives a thread's status from what its terminal does: first output → working; output goes
 * quiet with a question on screen → needs input; quiet without one → idle; exit → done/failed.
 * No polling: timers run only after output, so idle threads cost nothing.
 */
export class StatusTracker {
  private status: ThreadStatus = 'starting';
  private reason: string | null = null;
  private tail = '';
  private settleTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly patterns: RegExp[];
  private readonly settleMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: StatusTrackerOptions) {
    this.patterns = options.needsInputPatterns.map((p) => new RegExp(p, 'm'));
    this.settleMs = options.settleMs ?? 300;
    this.idleMs = options.idleMs ?? 4000;
  }

  get current(): StatusChange {
    return { status: this.status, reason: this.reason };
  }

  output(data: string): void {
    if (this.isFinal()) return;
    this.tail = (this.tail + data).slice(-tailChars);
    if (this.status !== 'working') this.set('working', null);
    this.restartTimers();
  }

  /** The dispatcher typed something: a pending question is being answered. */
  input(): void {
    if (this.status === 'needs-input' || this.status === 'idle') this.set('working', null);
  }

  exit(exitCode: number, signal: number | null, stoppedByUser: boolean): void {
    this.clearTimers();
    if (stoppedByUser) {
      this.set('stopped', 'stopped by you');
      return;
    }
    const last = lastLines(this.tail, 1)[0]?.trim() ?? '';
    if (exitCode === 0 && !signal) this.set('done', last ? `exit 0: ${last}` : 'exit 0');
    else {
      const how = signal ? `signal ${signal}` : `exit ${exitCode}`;
      this.set('failed', last ? `${how}: ${last}` : how);
    }
  }

  dispose(): void {
    this.clearTimers();
  }

  private isFinal(): boolean {
    return this.status === 'done' || this.status === 'failed' || this.status === 'stopped';
  }

  private restartTimers(): void {
    this.clearTimers();
    this.settleTimer = setTimeout(() => this.readScreen(), this.settleMs);
    this.idleTimer = setTimeout(() => {
      if (this.status === 'working') this.set('idle', 'no output for a while');
    }, this.idleMs);
  }

  private readScreen(): void {
    const lines = lastLines(this.tail, 3);
    const question = lines.reverse().find((line) => this.patterns.some((p) => p.test(line)));
    if (question) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.set('needs-input', `asks: ${question.trim().replace(/^[?❯>]\s*/, '')}`);
    }
  }

  private clearTimers(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.settleTimer = null;
    this.idleTimer = null;
  }

  private set(status: ThreadStatus, reason: string | null): void {
    if (status === this.status && reason === this.reason) return;
    this.status = status;
    this.reason = reason;
    this.options.onChange({ status, reason });
  }
}
