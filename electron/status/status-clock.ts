import { defaultStuckAfterMinutes, statusClockTickMs } from '../../shared/limits';

/** Something checked on every tick with the current time (a thread's status tracker). */
export type ClockWatcher = (now: number) => void;

/**
 * One timer for every thread's time-based status checks: a stall, a silence turned "stuck?", a
 * rate limit that has reset. It runs only while some tracker watches, so an app without agents has
 * no timer; a hundred trackers still share one. It also carries the user's "stuck after" setting,
 * which the composition root keeps in step with Settings.
 */
export class StatusClock {
  private readonly watchers = new Set<ClockWatcher>();
  private timer: NodeJS.Timeout | null = null;
  /** Silence while working after which a thread is "stuck?"; null: never. */
  stuckAfterMs: number | null = defaultStuckAfterMinutes * 60_000;

  constructor(private readonly tickMs = statusClockTickMs) {}

  /** Starts checking `watcher` on every tick; returns the way to stop. */
  watch(watcher: ClockWatcher): () => void {
    this.watchers.add(watcher);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(Date.now()), this.tickMs);
      this.timer.unref();
    }
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Follows Settings: minutes of silence, or null for never. */
  setStuckAfterMinutes(minutes: number | null): void {
    this.stuckAfterMs = minutes === null ? null : minutes * 60_000;
  }

  get watching(): number {
    return this.watchers.size;
  }

  /** Runs every check now (the timer does this; tests may too). */
  tick(now: number): void {
    for (const watcher of [...this.watchers]) watcher(now);
  }
}

/** The app's one clock: every status tracker uses it unless given another. */
export const sharedStatusClock = new StatusClock();
