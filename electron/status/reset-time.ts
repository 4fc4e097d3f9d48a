/**
 * When a limit the agent's screen names ends: "resets 3pm (Europe/Berlin)", "try again at Aug 8th,
 * 2026 12:30 PM", "Retrying in 30 seconds", "in 3 days 6 hours 57 minutes", or an epoch after a bar
 * ("usage limit reached|1749924000"). A clock time wins over a relative one on the same line. Clock times without a date are the next such time after the
 * message was first seen; a time zone in brackets is honoured, other zone abbreviations (Gemini's
 * "PST") are read as the local zone, the one the agent runs in.
 */

const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const epochPattern = /\|(\d{10})\b/;
const relativePattern =
  /\bin\s+((?:\d+(?:\.\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b[\s,]*(?:and\s+)?)+)/i;
const relativePartPattern =
  /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b/gi;
const datePattern =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?/i;
const clockPattern = /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?![a-z])|\b(\d{1,2}):(\d{2})\b/i;
const zonePattern = /\(([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT)\)/;

/** The reset time in `text` as epoch milliseconds, or null when it names none. */
export function resetTimeIn(text: string, seenAt: number): number | null {
  const epoch = epochPattern.exec(text);
  if (epoch) return Number(epoch[1]) * 1000;
  const clock = clockPattern.exec(text);
  // A clock time names the reset itself ("Retrying in 18s (9:13pm)": the retry comes sooner, the reset then).
  if (!clock) {
    const relative = relativePattern.exec(text);
    return relative ? seenAt + relativeMs(relative[1] ?? '') : null;
  }
  let hour = Number(clock[1] ?? clock[4]);
  const minute = Number(clock[2] ?? clock[5] ?? 0);
  const meridiem = clock[3]?.toLowerCase();
  if (hour > 23 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) return null;
  if (meridiem === 'p' && hour !== 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const zone = validZone(zonePattern.exec(text)?.[1]);
  const date = datePattern.exec(text);
  if (date) {
    const seen = wallClock(seenAt, zone);
    const month = months.indexOf((date[1] ?? '').toLowerCase());
    const day = Number(date[2]);
    const year = date[3] ? Number(date[3]) : seen.year;
    const at = fromWallClock({ year, month, day, hour, minute }, zone);
    // "Jan 2" read on Dec 30 is next year's.
    if (!date[3] && at < seenAt - 86_400_000) return fromWallClock({ year: year + 1, month, day, hour, minute }, zone);
    return at;
  }
  const seen = wallClock(seenAt, zone);
  let at = fromWallClock({ ...seen, hour, minute }, zone);
  // A clock time already past (beyond the minute it was printed in) means the next day's.
  if (at <= seenAt - 60_000) at = fromWallClock({ ...seen, day: seen.day + 1, hour, minute }, zone);
  return at;
}

/** "15:00" today, else "Aug 8 12:30": when a limit ends, in the local time zone. */
export function formatResetTime(at: number, now: number): string {
  const when = new Date(at);
  const clock = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
  if (when.toDateString() === new Date(now).toDateString()) return clock;
  const month = months[when.getMonth()] ?? '';
  return `${month.charAt(0).toUpperCase()}${month.slice(1)} ${when.getDate()} ${clock}`;
}

function relativeMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(relativePartPattern)) {
    const key =
      unit!.toLowerCase().startsWith('ms') || unit!.toLowerCase().startsWith('milli') ? 'ms' : unit![0]!.toLowerCase();
    total += Number(amount) * (unitMs[key] ?? 0);
  }
  return Math.round(total);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function validZone(zone: string | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** The date and time on a wall clock in `zone` (null: the local one) at `at`. */
function wallClock(at: number, zone: string | null): WallClock {
  if (zone === null) {
    const local = new Date(at);
    return {
      year: local.getFullYear(),
      month: local.getMonth(),
      day: local.getDate(),
      hour: local.getHours(),
      minute: local.getMinutes(),
    };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month') - 1,
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
  };
}

/** The instant a wall clock in `zone` (null: local) shows the given time (day overflow rolls on). */
function fromWallClock(clock: WallClock, zone: string | null): number {
  if (zone === null) return new Date(clock.year, clock.month, clock.day, clock.hour, clock.minute).getTime();
  const asUtc = Date.UTC(clock.year, clock.month, clock.day, clock.hour, clock.minute);
  // The zone's offset at that moment: what its wall clock shows there, minus UTC's.
  const shown = wallClock(asUtc, zone);
  const offset = Date.UTC(shown.year, shown.month, shown.day, shown.hour, shown.minute) - asUtc;
  return asUtc - offset;
}
