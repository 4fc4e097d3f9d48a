/**
 * Limits and stalls as statuses (issue 16): a usage or rate limit → "rate-limited until HH:MM", a
 * connection retried for over a minute → "stalled: <its words>", a working screen unchanged for
 * the "stuck after" setting → "stuck?". Time is faked; the shared clock's tick is a StatusClock of
 * the test's own.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attentionNotice, attentionStatuses } from '../../shared/attention';
import { makeThread } from '../../shared/test-fixtures';
import { formatResetTime } from './reset-time';
import { StatusClock } from './status-clock';
import { type StatusChange, StatusTracker, type StatusTrackerOptions } from './status-tracker';

afterEach(() => vi.useRealTimers());

function tracker(options: Partial<StatusTrackerOptions> = {}) {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 11, 4, 12, 0));
  const clock = new StatusClock(1_000);
  const changes: StatusChange[] = [];
  const t = new StatusTracker({ cols: 100, rows: 24, clock, onChange: (c) => changes.push(c), ...options });
  return { t, clock, changes, last: () => changes.at(-1) };
}

/** Claude Code after a session limit (the words of anthropics/claude-code issue #79136). */
const claudeLimit =
  '> fix the failing test\r\n⎿ 5-hour limit reached ∙ resets 3pm\r\n  /login to switch to an API usage-billed account.\r\n\r\n' +
  '╭────────────╮\r\n│ >          │\r\n╰────────────╯\r\n  ? for shortcuts';

describe('limits', () => {
  it('shows a usage limit as rate-limited until its reset in local time, then idle once it has reset', () => {
    const { t, last } = tracker({ profileId: 'claude' });
    t.output(claudeLimit);
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'rate-limited', reason: 'rate-limited until 15:00' });
    vi.advanceTimersByTime(2 * 3_600_000 + 59 * 60_000);
    expect(last()?.status).toBe('rate-limited');
    // No output at the reset: the clock's tick reads the screen again.
    vi.advanceTimersByTime(61_000);
    expect(last()).toEqual({ status: 'idle', reason: 'waiting for your next prompt' });
    t.dispose();
  });

  it('shows a 429 being retried as rate-limited until the retry', () => {
    const { t, last } = tracker({ profileId: 'claude' });
    t.output('✻ Thinking… (esc to interrupt)\r\n');
    t.output(
      '⎿ API Error (429 {"type":"error","error":{"type":"rate_limit_error"}}) · Retrying in 90 seconds… (attempt 3/10)',
    );
    vi.advanceTimersByTime(300);
    const until = Date.now() - 300 + 90_000;
    expect(last()).toEqual({
      status: 'rate-limited',
      reason: `rate-limited until ${formatResetTime(until, Date.now())}`,
    });
    expect(last()?.reason).toBe('rate-limited until 12:01');
    t.dispose();
  });

  it('is not a thread that calls for you: no notification, unlike a stall', () => {
    expect(attentionStatuses.has('rate-limited')).toBe(false);
    expect(attentionStatuses.has('stalled')).toBe(true);
    expect(
      attentionNotice(
        makeThread({
          name: 'Fix login',
          status: 'stalled',
          statusReason: 'stuck? no output or screen change for 10 minutes',
        }),
      ),
    ).toEqual({
      title: 'Fix login may be stuck',
      body: 'stuck? no output or screen change for 10 minutes',
    });
    expect(
      attentionNotice(makeThread({ name: 'Fix login', status: 'stalled', statusReason: 'stalled: Reconnecting...' }))
        .title,
    ).toBe('Fix login has stalled');
  });
});

describe('stalls', () => {
  it('calls a connection retried for over a minute stalled, in its own words', () => {
    const { t, last, changes } = tracker({ profileId: 'codex' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      t.output(`ERROR: Reconnecting... ${attempt}/5\r\n`);
      vi.advanceTimersByTime(10_000);
    }
    expect(last()).toEqual({ status: 'working', reason: 'retrying: ERROR: Reconnecting... 5/5' });
    t.output('ERROR: Reconnecting... waiting for network\r\n');
    // Silent from here on: the clock's tick notices the minute passing.
    vi.advanceTimersByTime(11_000);
    expect(last()).toEqual({ status: 'stalled', reason: 'stalled: ERROR: Reconnecting... waiting for network' });
    expect(changes.filter((c) => c.status === 'stalled')).toHaveLength(1);
    // Once the retries end and it works again, it is working.
    t.output('\u001b[2J\u001b[H• Working (3s • esc to interrupt)');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'working', reason: null });
    t.dispose();
  });

  it('reads opencode’s retry loop, recorded against an unreachable API, as stalled after a minute', async () => {
    const { loadRecordedScreen, replay } = await import('./replay-fixture');
    const clock = new StatusClock(1_000);
    const { changes, tracker: t } = replay(loadRecordedScreen('opencode-prompt-offline'), 'opencode', {
      clock,
      extraMs: 60_000,
    });
    expect(changes.at(-1)).toEqual({
      status: 'stalled',
      reason: 'stalled: Cannot connect to API: Unable to connect. Is the computer able to access the url…',
    });
    t.dispose();
  });

  it('reports a retry once, not again at every tick of its countdown', () => {
    const { t, changes } = tracker({ profileId: 'claude' });
    for (const left of [5, 4, 3, 2]) {
      t.output(`\r\u001b[2K⎿ API Error (Connection error.) · Retrying in ${left} seconds… (attempt 4/10)`);
      vi.advanceTimersByTime(1_000);
    }
    expect(changes).toEqual([
      { status: 'working', reason: null },
      { status: 'working', reason: 'retrying: API Error (Connection error.) (attempt 4/10)' },
    ]);
    t.dispose();
  });

  it('reads Claude Code retrying a 429 (recorded against a local server) as retrying, then stalled', async () => {
    const { loadRecordedScreen, replay } = await import('./replay-fixture');
    const clock = new StatusClock(1_000);
    const { changes, tracker: t } = replay(loadRecordedScreen('claude-rate-limit-retry'), 'claude', {
      clock,
      extraMs: 60_000,
    });
    expect(changes.map((c) => c.status)).toContain('working');
    expect(changes.at(-1)).toEqual({
      status: 'stalled',
      reason: 'stalled: API error · attempt 2/10',
    });
    t.dispose();
  });

  it('calls a working screen unchanged for the "stuck after" time stuck?, until the screen changes', () => {
    const { t, last } = tracker({ profileId: 'claude', stuckAfterMs: 10 * 60_000 });
    t.output('✻ Thinking… (esc to interrupt)');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'working', reason: null });
    vi.advanceTimersByTime(9 * 60_000);
    expect(last()?.status).toBe('working');
    vi.advanceTimersByTime(61_000);
    expect(last()).toEqual({ status: 'stalled', reason: 'stuck? no output or screen change for 10 minutes' });
    // Output that changes nothing on screen (a redraw) is no sign of life.
    t.output('\r✻ Thinking… (esc to interrupt)');
    vi.advanceTimersByTime(2_000);
    expect(last()?.status).toBe('stalled');
    t.output('\r✻ Pondering… (esc to interrupt)');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'working', reason: null });
    t.dispose();
  });

  it('follows the shared clock’s setting, and never calls a thread stuck when it is off', () => {
    const { t, clock, last } = tracker({ profileId: 'claude' });
    clock.setStuckAfterMinutes(2);
    t.output('✻ Thinking… (esc to interrupt)');
    vi.advanceTimersByTime(2 * 60_000 + 1_000);
    expect(last()).toEqual({ status: 'stalled', reason: 'stuck? no output or screen change for 2 minutes' });
    t.dispose();
    const off = tracker({ profileId: 'claude' });
    off.clock.setStuckAfterMinutes(null);
    off.t.output('✻ Thinking… (esc to interrupt)');
    vi.advanceTimersByTime(60 * 60_000);
    expect(off.last()).toEqual({ status: 'working', reason: null });
    off.t.dispose();
  });

  it('never calls a plain shell’s silent program stuck, and reads a menu it draws as needs input', () => {
    const { t, last } = tracker({
      profileId: 'shell',
      stuckAfterMs: 60_000,
      foreground: () => ({ kind: 'program', name: 'npm' }),
    });
    t.output('$ npm test\r\n');
    vi.advanceTimersByTime(10 * 60_000);
    expect(last()).toEqual({ status: 'working', reason: 'running npm' });
    t.output('? Which framework? (Use arrow keys)\r\n❯ React\r\n  Vue\r\n');
    vi.advanceTimersByTime(1_000);
    expect(last()).toEqual({ status: 'needs-input', reason: 'asks: Which framework? (Use arrow keys)' });
    t.dispose();
  });

  it('shares one timer among all trackers, and none once they are gone', () => {
    vi.useFakeTimers();
    const clock = new StatusClock(1_000);
    const trackers = Array.from({ length: 50 }, () => new StatusTracker({ clock, onChange: () => undefined }));
    expect(clock.watching).toBe(50);
    expect(vi.getTimerCount()).toBe(1);
    for (const t of trackers) t.dispose();
    expect(clock.watching).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
