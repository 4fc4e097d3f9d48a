import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/app-error';
import type { FollowUp, FollowUpChange } from '../../shared/follow-ups';
import { statusIdleMs } from '../../shared/limits';
import type { ThreadStatus } from '../../shared/models';

export interface FollowUpQueueOptions {
  /** Types one message into the agent as one message; false when there is no agent to take it. */
  readonly type: (text: string) => boolean;
  /** The list changed (added, edited, removed, delivered). */
  readonly changed: (items: readonly FollowUp[]) => void;
  /** How long the agent's output must have been quiet on a ready screen before typing. */
  readonly readyQuietMs?: number;
  /** Typed anyway once the screen has read as ready this long while output kept coming. */
  readonly readyMaxWaitMs?: number;
  /** A turn that never left the ready screen is over after this much quiet following its output. */
  readonly turnQuietMs?: number;
}

/**
 * Longer than a screen read takes after output (statusSettleMs plus parsing): a ready screen that
 * is being replaced (Codex draws its input box, then its sign-in over it) is read again first.
 */
export const readyQuietMs = 800;
/** The tracker reads a busy screen at least every statusMaxSettleMs: by then it has said otherwise. */
export const readyMaxWaitMs = 3_000;

/**
 * One thread's messages waiting for its agent: the typed first prompt and queued follow-ups.
 *
 * Ready means the status tracker last read the agent as `idle` (its input box or prompt, or — for a
 * screen no rule knows — a long silence with nothing recognisable on screen, the tracker's own
 * fallback). A question, a trust dialog or a sign-in is `needs-input` and is never typed into. One
 * message per ready turn: after a delivery the agent must leave `idle` and come back before the
 * next one goes, so two follow-ups never land in the same input box. And a ready screen must hold:
 * typing waits until the output has been quiet for `readyQuietMs` (a screen read came after it and
 * still said ready) — a ready box drawn a moment before a sign-in is drawn over it gets nothing.
 * An agent that answers so fast that its screen never stops reading as ready (an echo, a quick
 * reply inside the tracker's echo window) has finished its turn once its output after the message
 * has been quiet for `turnQuietMs` (the tracker's own idle silence).
 */
export class FollowUpQueue {
  private entries: FollowUp[] = [];
  private ready = false;
  private readySince = 0;
  private lastOutputAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastStatus: ThreadStatus | null = null;
  /** Set when a message was typed; cleared once the agent's status moves (its turn is under way). */
  private turnPending = false;
  private turnTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: FollowUpQueueOptions) {}

  get items(): readonly FollowUp[] {
    return this.entries;
  }

  /** Whether the first prompt is still waiting to be typed. */
  get promptWaiting(): boolean {
    return this.entries.some((item) => item.kind === 'prompt');
  }

  /** The agent's status as its tracker reads it now. */
  statusChanged(status: ThreadStatus): void {
    this.lastStatus = status;
    if (status !== 'idle') this.endTurnWatch();
    const ready = status === 'idle';
    if (ready && !this.ready) this.readySince = Date.now();
    this.ready = ready;
    if (ready) this.tryDelivery();
    else this.clearTimer();
  }

  /** The agent printed something: a ready screen must be quiet again before anything is typed. */
  output(): void {
    this.lastOutputAt = Date.now();
    if (this.turnPending && this.lastStatus === 'idle' && !this.turnTimer) this.armTurnTimer(this.turnQuietMs);
  }

  private get turnQuietMs(): number {
    return this.options.turnQuietMs ?? statusIdleMs;
  }

  /** Checked lazily: output only moves `lastOutputAt`; the timer looks when it fires. */
  private armTurnTimer(delayMs: number): void {
    this.turnTimer = setTimeout(() => {
      this.turnTimer = null;
      if (!this.turnPending || this.lastStatus !== 'idle') return;
      const quietFor = Date.now() - this.lastOutputAt;
      if (quietFor < this.turnQuietMs) {
        this.armTurnTimer(this.turnQuietMs - quietFor);
        return;
      }
      // The agent answered and is back at its ready screen without the screen ever saying otherwise.
      this.turnPending = false;
      this.statusChanged('idle');
    }, delayMs);
    this.turnTimer.unref?.();
  }

  private endTurnWatch(): void {
    this.turnPending = false;
    if (this.turnTimer) clearTimeout(this.turnTimer);
    this.turnTimer = null;
  }

  /** A new program runs (or the old one ended): nothing is ready until its screen says so. */
  reset(): void {
    this.ready = false;
    this.lastStatus = null;
    this.clearTimer();
    this.endTurnWatch();
  }

  dispose(): void {
    this.reset();
  }

  /** The typed first prompt goes before any follow-up. */
  addPrompt(text: string): void {
    this.entries = [this.entry('prompt', text), ...this.entries.filter((item) => item.kind !== 'prompt')];
    this.options.changed(this.entries);
  }

  apply(change: FollowUpChange): FollowUp | null {
    switch (change.op) {
      case 'add': {
        const item = this.entry('message', change.text);
        this.entries = [...this.entries, item];
        this.options.changed(this.entries);
        if (this.ready) this.tryDelivery();
        return item;
      }
      case 'edit': {
        this.find(change.id);
        this.entries = this.entries.map((item) => (item.id === change.id ? { ...item, text: change.text } : item));
        this.options.changed(this.entries);
        return null;
      }
      case 'remove':
        this.find(change.id);
        this.entries = this.entries.filter((item) => item.id !== change.id);
        this.options.changed(this.entries);
        return null;
      case 'sendNow': {
        // The dispatcher's explicit "send anyway": typed now, whatever is on screen.
        const item = this.find(change.id);
        if (!this.options.type(item.text)) {
          throw new AppError('invalid-request', 'The agent is not running, so nothing was typed. Resume it first.');
        }
        this.ready = false;
        this.turnPending = this.lastStatus === 'idle';
        this.clearTimer();
        this.entries = this.entries.filter((other) => other.id !== change.id);
        this.options.changed(this.entries);
        return null;
      }
    }
  }

  /** Types the next message if the ready screen has held, or checks again when it will have. */
  private tryDelivery(): void {
    this.clearTimer();
    if (!this.ready || this.entries.length === 0) return;
    const now = Date.now();
    const quietWait = (this.options.readyQuietMs ?? readyQuietMs) - (now - this.lastOutputAt);
    const maxWait = (this.options.readyMaxWaitMs ?? readyMaxWaitMs) - (now - this.readySince);
    if (quietWait <= 0 || maxWait <= 0) {
      this.deliverNext();
      return;
    }
    this.timer = setTimeout(() => this.tryDelivery(), Math.min(quietWait, maxWait));
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private deliverNext(): void {
    const next = this.entries[0];
    if (!next || !this.options.type(next.text)) return;
    this.ready = false;
    this.turnPending = true;
    this.clearTimer();
    this.entries = this.entries.slice(1);
    this.options.changed(this.entries);
  }

  private find(id: string): FollowUp {
    const item = this.entries.find((entry) => entry.id === id);
    if (!item) {
      throw new AppError('not-found', 'That queued message is no longer waiting: it was sent or removed meanwhile.');
    }
    return item;
  }

  private entry(kind: FollowUp['kind'], text: string): FollowUp {
    return { id: `f_${randomBytes(4).toString('hex')}`, kind, text, queuedAt: new Date().toISOString() };
  }
}
