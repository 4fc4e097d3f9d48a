import { plural } from '../../shared/plural';
import { formatClockTime } from '../ui/clock-time';

/** "under a minute", "1 minute", "3 hours", "2 days": how long something has waited, roughly. */
export function formatWaited(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/**
 * The inbox's words for a wait: "waiting 5 minutes", or "waiting at least 5 minutes" when the
 * thread's record does not say when its status began and it began before the window loaded.
 */
export function describeWait(
  status: 'needs-input' | 'stalled' | 'failed' | string,
  ms: number,
  observed: boolean,
): string {
  const span = formatWaited(ms);
  const atLeast = observed ? '' : 'at least ';
  if (status === 'failed') return `failed ${atLeast}${span} ago`;
  if (status === 'stalled') return `stalled for ${atLeast}${span}`;
  return `waiting ${atLeast}${span}`;
}

/** The wait's tooltip: "since 14:02", or "since 14:02 or earlier (…)" when only the window's load is known. */
export function describeSince(at: number, now: number, exact: boolean): string {
  const since = `since ${formatClockTime(at, now)}`;
  return exact ? since : `${since} or earlier (it was already so when this window opened)`;
}
