import { describe, expect, it } from 'vitest';
import { makeProject, makeThread } from '../../shared/test-fixtures';
import type { Thread } from '../../shared/models';
import { trackStatusSince } from '../state/threads-store';
import { inboxCount, inboxGroups } from './inbox-selection';
import { describeSince, describeWait, formatWaited } from './waited-for';

const byIdOf = (threads: Thread[]) => Object.fromEntries(threads.map((t) => [t.id, t]));

describe('the "Needs you" inbox', () => {
  const alpha = makeProject({ id: 'pa', name: 'alpha', path: '/repos/alpha' });
  const beta = makeProject({ id: 'pb', name: 'beta', path: '/repos/beta' });
  const threads = [
    makeThread({ id: 'b-asks', projectId: 'pb', status: 'needs-input', statusReason: 'asks: Apply? (y/n)' }),
    makeThread({ id: 'a-failed', projectId: 'pa', status: 'failed', statusReason: 'exit 1' }),
    makeThread({ id: 'a-asks-late', projectId: 'pa', status: 'needs-input' }),
    makeThread({ id: 'a-asks-early', projectId: 'pa', status: 'needs-input' }),
    makeThread({ id: 'a-stalled', projectId: 'pa', status: 'stalled', statusReason: 'stalled: Reconnecting... 5/5' }),
    makeThread({ id: 'a-working', projectId: 'pa', status: 'working' }),
    makeThread({ id: 'a-limited', projectId: 'pa', status: 'rate-limited' }),
    makeThread({ id: 'a-done', projectId: 'pa', status: 'done' }),
    makeThread({ id: 'a-archived', projectId: 'pa', status: 'failed', archived: true }),
    makeThread({ id: 'closed-project', projectId: 'gone', status: 'needs-input' }),
  ];
  const statusSince = {
    'b-asks': { status: 'needs-input', at: 1_000, observed: true },
    'a-failed': { status: 'failed', at: 500, observed: true },
    'a-asks-late': { status: 'needs-input', at: 3_000, observed: true },
    'a-asks-early': { status: 'needs-input', at: 2_000, observed: false },
    'a-stalled': { status: 'stalled', at: 100, observed: true },
  } as const;

  it('lists the waiting, stalled and failed threads of every open project, grouped by project, waiting first, longest first', () => {
    const groups = inboxGroups(byIdOf(threads), [alpha, beta], statusSince, 10_000);
    expect(groups.map((g) => [g.project.id, g.rows.map((r) => r.thread.id)])).toEqual([
      ['pa', ['a-asks-early', 'a-asks-late', 'a-stalled', 'a-failed']],
      ['pb', ['b-asks']],
    ]);
    expect(groups[0]!.rows[0]).toMatchObject({ since: 2_000, observed: false });
    // A rate-limited agent waits on its provider, not on the dispatcher: not in the inbox.
    expect(inboxCount(byIdOf(threads), [alpha, beta])).toBe(5);
  });

  it('is empty when nothing waits, and leaves out projects with nothing waiting', () => {
    const quiet = threads.filter(
      (t) => t.projectId !== 'pb' && !['needs-input', 'stalled', 'failed'].includes(t.status),
    );
    expect(inboxGroups(byIdOf(quiet), [alpha, beta], {})).toEqual([]);
    expect(inboxCount(byIdOf(quiet), [alpha, beta])).toBe(0);
    expect(inboxGroups(byIdOf(threads), [beta], statusSince).map((g) => g.project.id)).toEqual(['pb']);
  });

  it('clocks a status from when it was seen to change; one already there at load counts as "at least"', () => {
    const loaded = trackStatusSince({}, [makeThread({ id: 'x', status: 'needs-input' })], 100, false);
    expect(loaded.x).toEqual({ status: 'needs-input', at: 100, observed: false });
    const same = trackStatusSince(loaded, [makeThread({ id: 'x', status: 'needs-input' })], 200, true);
    expect(same).toBe(loaded);
    const changed = trackStatusSince(same, [makeThread({ id: 'x', status: 'working' })], 300, false);
    expect(changed.x).toEqual({ status: 'working', at: 300, observed: true });
  });

  it("counts a wait from the thread's own statusSince: exact even when it began before the window loaded", () => {
    const at = Date.parse('2026-01-05T10:00:00.000Z');
    const thread = makeThread({
      id: 'y',
      projectId: 'pa',
      status: 'needs-input',
      statusSince: new Date(at).toISOString(),
    });
    const loaded = trackStatusSince({}, [thread], at + 12 * 60_000, false);
    expect(loaded.y).toEqual({ status: 'needs-input', at, observed: true });
    // The same record again keeps the clock; a record that moves the moment (the agent host saw another) moves it.
    expect(trackStatusSince(loaded, [thread], at + 13 * 60_000, true)).toBe(loaded);
    const moved = trackStatusSince(loaded, [{ ...thread, statusSince: new Date(at + 5_000).toISOString() }], 0, true);
    expect(moved.y).toEqual({ status: 'needs-input', at: at + 5_000, observed: true });
    const [group] = inboxGroups(byIdOf([thread]), [alpha], loaded, at + 12 * 60_000);
    const row = group!.rows[0]!;
    expect(row).toMatchObject({ since: at, observed: true });
    expect(describeWait(thread.status, 12 * 60_000, row.observed)).toBe('waiting 12 minutes');
  });

  it('says since when in a tooltip: the time of day, with the date when not today; "or earlier" when unknown', () => {
    const since = new Date(2026, 0, 5, 14, 2).getTime();
    expect(describeSince(since, new Date(2026, 0, 5, 14, 30).getTime(), true)).toBe('since 14:02');
    expect(describeSince(since, new Date(2026, 0, 5, 14, 30).getTime(), false)).toBe(
      'since 14:02 or earlier (it was already so when this window opened)',
    );
    expect(describeSince(since, new Date(2026, 0, 6, 9, 0).getTime(), true)).toMatch(/^since .*5.* 14:02$/);
  });

  it('words the wait with the right plural', () => {
    expect(formatWaited(30_000)).toBe('under a minute');
    expect(formatWaited(60_000)).toBe('1 minute');
    expect(formatWaited(5 * 60_000)).toBe('5 minutes');
    expect(formatWaited(60 * 60_000)).toBe('1 hour');
    expect(formatWaited(49 * 60 * 60_000)).toBe('2 days');
    expect(describeWait('needs-input', 120_000, true)).toBe('waiting 2 minutes');
    expect(describeWait('needs-input', 60_000, false)).toBe('waiting at least 1 minute');
    expect(describeWait('failed', 60_000, true)).toBe('failed 1 minute ago');
    expect(describeWait('stalled', 120_000, true)).toBe('stalled for 2 minutes');
  });
});
