import {
  echoWindowMs,
  shellForegroundCheckMs,
  retryLineGraceMs,
  stalledAfterMs,
  statusIdleMs,
  statusMaxSettleMs,
  statusSettleMs,
} from '../../shared/limits';
import type { ThreadStatus } from '../../shared/models';
import type { HookEventKind } from '../hooks/hook-protocol';
import { ScreenClassifier, type ScreenVerdict } from './classify-screen';
import { HeadlessScreen, type ScreenSnapshot, type StatusScreen } from './headless-screen';
import { formatResetTime } from './reset-time';
import { rulesFor, rulesFromPatterns } from './screen-rules';
import { stripTerminalCodes } from './screen-text';
import { sharedStatusClock, type StatusClock } from './status-clock';
import type { ShellForeground } from './shell-foreground';

export interface StatusChange {
  readonly status: ThreadStatus;
  readonly reason: string | null;
}

export interface StatusTrackerOptions {
  /** Selects the profile's screen rules (electron/status/screen-rules.ts); generic rules apply to all. */
  readonly profileId?: string | null;
  /** Extra "waiting for you" patterns from the profile (custom profiles), matched on the last lines. */
  readonly needsInputPatterns?: readonly string[];
  /**
   * The screen to read: by default a headless terminal of the tracker's own, fed by `output`; the
   * runtime passes the thread's screen mirror instead (mirror-screen.ts), so a thread has one.
   */
  readonly screen?: StatusScreen;
  /** The pty's size; keep it in step with `resize`. */
  readonly cols?: number;
  readonly rows?: number;
  /** Output silence after which the screen is read. */
  readonly settleMs?: number;
  /** Longest a screen read waits while output keeps coming (animations never go quiet). */
  readonly maxSettleMs?: number;
  /** Output silence after which a thread whose screen shows nothing known counts as idle. */
  readonly idleMs?: number;
  /**
   * For a plain shell: what its terminal has in the foreground (shell-foreground.ts). A program
   * other than the shell then means working ("running sleep"), the shell itself idle at its prompt,
   * whatever the screen shows; read after output settles and every `foregroundCheckMs`.
   */
  readonly foreground?: () => ShellForeground | null;
  /** How often the foreground is read without output (shells only); see shellForegroundCheckMs. */
  readonly foregroundCheckMs?: number;
  /** The shared timer that checks for stalls, "stuck?" and reset limits (status-clock.ts). */
  readonly clock?: StatusClock;
  /** Silence while working before "stuck?"; null: never. By default the clock's (Settings). */
  readonly stuckAfterMs?: number | null;
  /** Retrying a failing connection this long is "stalled" (see shared/limits stalledAfterMs). */
  readonly stalledAfterMs?: number;
  readonly onChange: (change: StatusChange) => void;
}

function isBlank(screen: ScreenSnapshot): boolean {
  return screen.lines.every((line) => line.trim() === '');
}

/** A status reason with a note about the screen reading itself (a custom pattern turned off). */
function withNotice(reason: string | null, notice: string | null): string | null {
  if (!notice) return reason;
  return reason ? `${reason} (${notice})` : notice;
}

/** A retry line's countdown, "· Retrying in 17s" / "· Retrying in 5 seconds…". */
const countdown = /\s*·?\s*Retrying in \d+\s*[a-z]*…?/i;

function minutes(ms: number): string {
  const whole = Math.max(1, Math.round(ms / 60_000));
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}

/**
 * Derives a thread's status from its rendered screen: pty output goes into a headless terminal,
 * and once output settles the visible screen is read with the profile's rules (a question →
 * needs input, a spinner → working, a ready prompt → idle). Output matching no rule counts as
 * work; long silence with nothing recognisable on screen counts as idle; the exit gives done or
 * failed with the most telling line on screen. Claude Code hook events, where installed, are
 * trusted over guesses from activity.
 *
 * No polling of its own: its timers run only after output, so an idle thread costs nothing but a
 * few comparisons on the shared clock's tick (below). The one exception is a
 * plain shell (`foreground`): a silent program (`sleep 12`) starts and ends without output, so its
 * terminal's foreground is read on a slow timer too.
 *
 * Limits and stalls: a usage or rate limit on screen is "rate-limited until 15:00" (until the
 * reset it names), a connection retried for more than `stalledAfterMs` is "stalled: <its words>",
 * and a working agent whose screen has not changed for the "stuck after" setting is "stuck?" (shown
 * as stalled, with a notification). Those need the time to pass, not output: the one shared
 * StatusClock checks every tracker on its tick, so no thread has a timer of its own for them.
 */
export class StatusTracker {
  private status: ThreadStatus = 'starting';
  private reason: string | null = null;
  private readonly screen: StatusScreen;
  private readonly classifier: ScreenClassifier;
  private readonly settleMs: number;
  private readonly maxSettleMs: number;
  private readonly idleMs: number;
  private readTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private foregroundTimer: NodeJS.Timeout | null = null;
  private lastOutputAt = 0;
  private burstStartedAt = 0;
  private quietUntil = 0;
  /** Output since the last read that was the agent's own doing (not an echo or a redraw). */
  private activitySinceRead = false;
  /** What the last screen read recognised; null when nothing. */
  private lastVerdict: ScreenVerdict | null = null;
  /** Screen reads started; a verdict arriving for an older one is dropped. */
  private reads = 0;
  /** Set by the first hook event: from then on, activity alone never overrides what hooks said. */
  private hookDriven = false;
  private disposed = false;
  private readonly clock: StatusClock;
  private readonly unwatchClock: () => void;
  /** The screen's text at the last read, and when it last changed (or hooks reported work). */
  private lastScreenText: string | null = null;
  private lastChangeAt = Date.now();
  /**
   * Since when the screen has shown the agent retrying a connection (attempts a few seconds apart,
   * the work between them included), when it last did, and in what words.
   */
  private retryingSince: number | null = null;
  private retrySeenAt = 0;
  private retryWords: string | null = null;
  /** When the rate limit on screen ends (null: it does not say). */
  private limitUntil: number | null = null;
  /** Shown as "stuck?": it stays so until the screen changes. */
  private stuck = false;

  constructor(private readonly options: StatusTrackerOptions) {
    const rules = [...rulesFor(options.profileId ?? null), ...rulesFromPatterns(options.needsInputPatterns ?? [])];
    this.classifier = new ScreenClassifier(rules);
    this.screen = options.screen ?? new HeadlessScreen(options.cols ?? 120, options.rows ?? 30);
    this.settleMs = options.settleMs ?? statusSettleMs;
    this.maxSettleMs = Math.max(this.settleMs, options.maxSettleMs ?? statusMaxSettleMs);
    this.idleMs = options.idleMs ?? statusIdleMs;
    if (options.foreground) {
      this.foregroundTimer = setInterval(
        () => this.checkForeground(),
        options.foregroundCheckMs ?? shellForegroundCheckMs,
      );
      this.foregroundTimer.unref();
    }
    this.clock = options.clock ?? sharedStatusClock;
    this.unwatchClock = this.clock.watch((now) => this.onClockTick(now));
  }

  get current(): StatusChange {
    return { status: this.status, reason: this.reason };
  }

  /** Whether the program takes a paste as one block (its screen has bracketed paste on). */
  get acceptsBracketedPaste(): boolean {
    return this.screen.bracketedPasteMode;
  }

  output(data: string): void {
    if (this.isFinal() || this.disposed) return;
    this.screen.write(data);
    const now = Date.now();
    this.lastOutputAt = now;
    if (now >= this.quietUntil) this.activitySinceRead = true;
    // Escape sequences alone (modes, titles, a cleared screen) do not show the agent at work yet.
    if (this.status === 'starting' && /\S/.test(stripTerminalCodes(data))) this.set('working', null);
    if (!this.readTimer) {
      this.burstStartedAt = now;
      this.armReadTimer(this.settleMs);
    }
    if (!this.idleTimer) this.armIdleTimer(this.idleMs);
  }

  /**
   * The dispatcher typed something. The status is left to the next screen read: arrow keys in a
   * menu answer nothing, and a question that stays on screen is still being asked.
   */
  input(): void {
    this.quietUntil = Date.now() + echoWindowMs;
  }

  /** The pty was resized: the emulator follows, and the redraw that comes back is not work. */
  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.screen.resize(cols, rows);
    this.quietUntil = Date.now() + echoWindowMs;
  }

  /** A Claude Code hook fired for this thread (see electron/hooks/). */
  hookEvent(kind: HookEventKind, message: string | null): void {
    if (this.isFinal() || this.disposed) return;
    this.hookDriven = true;
    this.lastChangeAt = Date.now();
    if (kind === 'Notification') this.set('needs-input', message?.trim() || 'waiting for you');
    else if (kind === 'Stop') this.set('idle', 'waiting for your next prompt');
    else this.set('working', null);
  }

  exit(exitCode: number, signal: number | null, stoppedByUser: boolean): void {
    if (this.isFinal()) return;
    this.clearTimers();
    if (stoppedByUser) this.set('stopped', 'stopped by you');
    else {
      const status = exitCode === 0 && !signal ? 'done' : 'failed';
      const telling = this.classifier.exitReason(this.screen.snapshotIncludingUnparsed(), status === 'failed');
      const how = signal ? `signal ${signal}` : `exit ${exitCode}`;
      this.set(status, telling ? `${how}: ${telling}` : how);
    }
    this.dispose();
  }

  /** Frees the emulator and timers; call when the thread's program is gone for good. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimers();
    this.unwatchClock();
    this.screen.dispose();
  }

  private isFinal(): boolean {
    return this.status === 'done' || this.status === 'failed' || this.status === 'stopped';
  }

  /** Debounced read: after `settleMs` of quiet, or `maxSettleMs` into a burst that never pauses. */
  private armReadTimer(delayMs: number): void {
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      const now = Date.now();
      const due = Math.min(this.lastOutputAt + this.settleMs, this.burstStartedAt + this.maxSettleMs);
      if (now < due) this.armReadTimer(due - now);
      else this.screen.whenParsed(() => this.readScreen());
    }, delayMs);
  }

  /** Re-armed lazily: output only moves `lastOutputAt`, the timer checks it when it fires. */
  private armIdleTimer(delayMs: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const quietFor = Date.now() - this.lastOutputAt;
      if (quietFor < this.idleMs) this.armIdleTimer(this.idleMs - quietFor);
      else this.onLongSilence();
    }, delayMs);
  }

  private readScreen(): void {
    if (this.isFinal() || this.disposed) return;
    const screen = this.screen.snapshot();
    const active = this.activitySinceRead;
    this.activitySinceRead = false;
    const text = screen.lines.join('\n');
    const changed = text !== this.lastScreenText;
    if (changed) {
      this.lastScreenText = text;
      this.lastChangeAt = Date.now();
    }
    // A custom profile's patterns are matched off the main thread: the verdict may come later, and
    // only the latest read's counts.
    const read = ++this.reads;
    this.classifier.read(screen, (verdict, notice) => {
      if (read !== this.reads || this.isFinal() || this.disposed) return;
      // "stuck?" lasts until the screen changes: a redraw of the same screen is no sign of life.
      if (this.stuck && !changed) return;
      this.lastVerdict = verdict;
      if (this.applyForeground(verdict)) return;
      const change = verdict ? this.statusFor(verdict) : null;
      // Hooks name the state more precisely than a screen rule agreeing with them.
      const hooksSaidSo = this.hookDriven && change?.status === this.status;
      if (change && !hooksSaidSo) this.set(change.status, withNotice(change.reason, notice));
      else if (!verdict && active && !this.hookDriven && !isBlank(screen)) this.set('working', notice);
      // The limit's line no longer counts (its reset has passed) and nothing else shows: it waits for you.
      else if (!verdict && this.status === 'rate-limited')
        this.set('idle', withNotice('the rate limit has reset', notice));
      else if (notice) this.set(this.status, withNotice(this.reason, notice));
    });
  }

  /** A screen verdict as a thread status: menus need input, retries and limits have their own. */
  private statusFor(verdict: ScreenVerdict): StatusChange {
    const now = Date.now();
    if (verdict.state === 'menu') return { status: 'needs-input', reason: verdict.reason };
    if (verdict.state === 'retrying') {
      // An attempt between two retry lines (the screen briefly without one) is the same retrying.
      if (this.retryingSince === null || now - this.retrySeenAt > retryLineGraceMs) this.retryingSince = now;
      this.retrySeenAt = now;
      // Without its countdown: the reason (and the thread record) need not change every second.
      const words = verdict.reason?.replace(countdown, '') ?? null;
      this.retryWords = words;
      return now - this.retryingSince >= this.stalledAfterMs
        ? { status: 'stalled', reason: `stalled: ${words ?? 'retrying'}` }
        : { status: 'working', reason: words ? `retrying: ${words}` : 'retrying' };
    }
    if (verdict.state === 'rate-limit-retry' || verdict.state === 'rate-limited') {
      this.limitUntil = verdict.until ?? null;
      return {
        status: 'rate-limited',
        reason:
          this.limitUntil !== null
            ? `rate-limited until ${formatResetTime(this.limitUntil, now)}`
            : `rate-limited: ${verdict.reason ?? 'the provider refused'}`,
      };
    }
    return { status: verdict.state, reason: verdict.reason };
  }

  private get stalledAfterMs(): number {
    return this.options.stalledAfterMs ?? stalledAfterMs;
  }

  /** The shared clock's tick: what time alone can change (no output needed). */
  private onClockTick(now: number): void {
    if (this.isFinal() || this.disposed) return;
    const retrying = this.lastVerdict?.state === 'retrying' && this.retryingSince !== null;
    if (this.status === 'working' && retrying && now - this.retryingSince! >= this.stalledAfterMs) {
      this.set('stalled', `stalled: ${this.retryWords ?? 'retrying'}`);
      return;
    }
    if (this.status === 'rate-limited') {
      // Past the reset the line stops counting; the read says what the screen shows instead.
      if (this.limitUntil !== null && now >= this.limitUntil) this.screen.whenParsed(() => this.readScreen());
      return;
    }
    const stuckAfterMs = this.options.stuckAfterMs !== undefined ? this.options.stuckAfterMs : this.clock.stuckAfterMs;
    // A plain shell's silent program (a long `sleep`, a quiet build) is normal, not stuck.
    if (stuckAfterMs === null || this.options.foreground || this.status !== 'working') return;
    const quietFor = now - this.lastChangeAt;
    if (quietFor < stuckAfterMs) return;
    this.set('stalled', `stuck? no output or screen change for ${minutes(quietFor)}`);
    this.stuck = true;
  }

  private onLongSilence(): void {
    // A shell's silence means nothing by itself: its foreground says whether a program still runs.
    if (this.checkForeground()) return;
    if (this.isFinal() || this.disposed || this.hookDriven || this.lastVerdict) return;
    // A blank screen after a while is a program still loading, not one waiting for a prompt.
    if (this.status === 'working' && !isBlank(this.screen.snapshot())) this.set('idle', 'no output for a while');
  }

  /** A shell's status from its foreground; false when there is none to read (not a shell, Windows). */
  private checkForeground(): boolean {
    if (!this.options.foreground || this.isFinal() || this.disposed) return false;
    // Before its first output the shell has not drawn a prompt yet: it is still starting.
    if (this.status === 'starting') return true;
    return this.applyForeground(this.lastVerdict);
  }

  private applyForeground(verdict: ScreenVerdict | null): boolean {
    const reading = this.options.foreground?.() ?? null;
    if (!reading) return false;
    if (reading.kind === 'shell') this.set('idle', 'ready for a command');
    // A program asking something on screen (`rm -i`, a menu) is waiting for you, not working.
    else if (verdict?.state === 'needs-input' || verdict?.state === 'menu') this.set('needs-input', verdict.reason);
    else this.set('working', `running ${reading.name}`);
    return true;
  }

  private clearTimers(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.foregroundTimer) clearInterval(this.foregroundTimer);
    this.readTimer = null;
    this.idleTimer = null;
    this.foregroundTimer = null;
  }

  private set(status: ThreadStatus, reason: string | null): void {
    if (status === this.status && reason === this.reason) return;
    if (status !== 'stalled') this.stuck = false;
    // Work that starts now is timed for "stuck?" from now, not from the last screen change.
    if (status === 'working' && this.status !== 'working') this.lastChangeAt = Date.now();
    this.status = status;
    this.reason = reason;
    this.options.onChange({ status, reason });
  }
}
