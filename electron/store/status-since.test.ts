import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeThread } from '../../shared/test-fixtures';
import { makeTempDir } from '../test-support/temp-repo';
import { StateRepository } from './state-repository';
import { withStatusSince } from './status-since';

const now = () => '2026-01-01T12:00:00.000Z';
const earlier = '2026-01-01T11:00:00.000Z';
const hostMoment = '2026-01-01T11:30:00.000Z';

describe('withStatusSince', () => {
  it('stamps a new record, and keeps a moment its writer knew', () => {
    expect(withStatusSince(undefined, makeThread({ statusSince: null }), now).statusSince).toBe(now());
    expect(withStatusSince(undefined, makeThread({ statusSince: earlier }), now).statusSince).toBe(earlier);
  });

  it('stamps a changed status with now, or with the moment the writer passes (the agent host saw it)', () => {
    const stored = makeThread({ status: 'working', statusSince: earlier });
    expect(withStatusSince(stored, { ...stored, status: 'needs-input' }, now).statusSince).toBe(now());
    expect(
      withStatusSince(stored, { ...stored, status: 'needs-input', statusSince: hostMoment }, now).statusSince,
    ).toBe(hostMoment);
  });

  it('keeps the moment while the status stays, whatever else changes', () => {
    const stored = makeThread({ status: 'needs-input', statusSince: earlier });
    expect(withStatusSince(stored, { ...stored, statusReason: 'asks: Commit?' }, now).statusSince).toBe(earlier);
    expect(withStatusSince(stored, { ...stored, statusSince: null }, now).statusSince).toBe(earlier);
    // An adopting app corrects it to what the agent host saw.
    expect(withStatusSince(stored, { ...stored, statusSince: hostMoment }, now).statusSince).toBe(hostMoment);
  });

  it('leaves an unknown moment unknown until the status changes', () => {
    const stored = makeThread({ status: 'failed', statusSince: null });
    expect(withStatusSince(stored, { ...stored, worktreeMissing: true }, now).statusSince).toBeNull();
    expect(withStatusSince(stored, { ...stored, status: 'starting' }, now).statusSince).toBe(now());
  });
});

describe('the state file and statusSince', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  it('loads a record from before statusSince as unknown, and saves the moment from its next status change', async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    const old = makeThread({ id: 't_old', status: 'failed' }) as Record<string, unknown>;
    delete old.statusSince;
    await writeFile(path.join(temp.dir, 'state.json'), JSON.stringify({ version: 1, projects: [], threads: [old] }));
    const state = await StateRepository.open(temp.dir);
    expect(state.loadReport.problem ?? null).toBeNull();
    expect(state.thread('t_old').statusSince).toBeNull();

    await state.putThread({ ...state.thread('t_old'), worktreeMissing: true });
    expect(state.thread('t_old').statusSince).toBeNull();
    const before = Date.now();
    await state.putThread({ ...state.thread('t_old'), status: 'starting' });
    const since = state.thread('t_old').statusSince;
    expect(Date.parse(since ?? '')).toBeGreaterThanOrEqual(before);

    const reopened = await StateRepository.open(temp.dir);
    expect(reopened.thread('t_old').statusSince).toBe(since);
    expect(JSON.parse(await readFile(path.join(temp.dir, 'state.json'), 'utf8')).threads[0].statusSince).toBe(since);
  });
});
