import { useSyncExternalStore } from 'react';
import { statusClockTickMs } from '../../shared/limits';

/**
 * The renderer's one clock for times shown beside statuses ("waiting 12 minutes"), ticking with the
 * main side's status clock (statusClockTickMs): one timer however many views show such a time, and
 * none while no view does.
 */
class StatusClock {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private current = Date.now();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.timer) {
      this.current = Date.now();
      this.timer = setInterval(() => this.tick(), statusClockTickMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  /** Stable between ticks (React reads it more than once a render); fresh again when the clock was stopped. */
  readonly now = (): number => {
    if (!this.timer && Date.now() - this.current >= statusClockTickMs) this.current = Date.now();
    return this.current;
  };

  private tick(): void {
    this.current = Date.now();
    for (const listener of [...this.listeners]) listener();
  }
}

export const statusClock = new StatusClock();

/** The time now, as of the status clock's last tick; re-renders on each tick. */
export function useStatusClock(): number {
  return useSyncExternalStore(statusClock.subscribe, statusClock.now);
}
