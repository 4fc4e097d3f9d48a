import { describe, expect, it } from 'vitest';
import { formatResetTime, resetTimeIn } from './reset-time';

const noon = new Date(2026, 11, 4, 12, 0).getTime();
const local = (hour: number, minute = 0, day = 4, month = 11, year = 2026) =>
  new Date(year, month, day, hour, minute).getTime();

describe('reset times named on an agent’s screen', () => {
  it('reads clock times as the next such time after the message was seen', () => {
    expect(resetTimeIn('5-hour limit reached ∙ resets 3pm', noon)).toBe(local(15));
    expect(resetTimeIn('resets 5:40pm', noon)).toBe(local(17, 40));
    expect(resetTimeIn('or try again at 3:28 PM.', noon)).toBe(local(15, 28));
    expect(resetTimeIn('resets 12:50am', noon)).toBe(local(0, 50, 5));
    expect(resetTimeIn('resets 12pm', noon)).toBe(local(12));
    expect(resetTimeIn('resets 11am', noon)).toBe(local(11, 0, 5));
    expect(resetTimeIn('Access resets at 3:45 PM PST.', noon)).toBe(local(15, 45));
  });

  it('honours a time zone in brackets', () => {
    // 3pm in UTC, wherever these tests run.
    const at = resetTimeIn('resets 3pm (UTC)', Date.UTC(2026, 11, 4, 9, 0));
    expect(at).toBe(Date.UTC(2026, 11, 4, 15, 0));
    // Tokyo has no daylight saving: UTC+9 all year.
    expect(resetTimeIn('resets 8:30pm (Asia/Tokyo)', Date.UTC(2026, 6, 13, 1, 0))).toBe(Date.UTC(2026, 6, 13, 11, 30));
    // An unknown zone is read as the local one.
    expect(resetTimeIn('resets 3pm (Nowhere/Atlantis)', noon)).toBe(local(15));
  });

  it('reads dates, relative times and epochs', () => {
    expect(resetTimeIn('try again at Aug 8th, 2027 12:30 PM.', noon)).toBe(local(12, 30, 8, 7, 2027));
    expect(resetTimeIn('try again at Dec 6th, 2026 9:05 AM.', noon)).toBe(local(9, 5, 6));
    expect(resetTimeIn('Retrying in 30 seconds… (attempt 2/10)', noon)).toBe(noon + 30_000);
    // The reset a clock names wins over the next retry: Claude Code's "Retrying in 18s (9:13pm)".
    expect(resetTimeIn('Session limit reached · Retrying in 18s (9:13pm) · attempt 6/10', noon)).toBe(local(21, 13));
    expect(resetTimeIn('[retrying in 4s attempt #2]', noon)).toBe(noon + 4_000);
    expect(resetTimeIn('try again in 3 days 6 hours 57 minutes.', noon)).toBe(noon + ((3 * 24 + 6) * 60 + 57) * 60_000);
    expect(resetTimeIn('Claude AI usage limit reached|1749924000', noon)).toBe(1749924000_000);
    expect(resetTimeIn('Try again later.', noon)).toBeNull();
    expect(resetTimeIn('Reconnecting... 2/5', noon)).toBeNull();
  });

  it('shows the time alone today, with the date on another day', () => {
    expect(formatResetTime(local(15), noon)).toBe('15:00');
    expect(formatResetTime(local(5, 7, 5), noon)).toBe('Dec 5 05:07');
  });
});
