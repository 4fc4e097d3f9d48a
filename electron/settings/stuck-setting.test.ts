import { afterEach, describe, expect, it } from 'vitest';
import { defaultStuckAfterMinutes } from '../../shared/limits';
import type { DomainEvents } from '../../shared/domain-events';
import { sharedStatusClock } from '../status/status-clock';
import { stuckAfterMinutesIn } from '../status/stuck-setting';
import { StateRepository } from '../store/state-repository';
import { makeTempDir } from '../test-support/temp-repo';
import { SettingsService } from './settings-service';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  sharedStatusClock.setStuckAfterMinutes(defaultStuckAfterMinutes);
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the "stuck after" setting', () => {
  it('is minutes, 0 for never, the default when unset', () => {
    expect(stuckAfterMinutesIn({})).toBe(defaultStuckAfterMinutes);
    expect(stuckAfterMinutesIn({ stuckAfterMinutes: 3 })).toBe(3);
    expect(stuckAfterMinutesIn({ stuckAfterMinutes: 0 })).toBeNull();
  });

  it('reaches the status clock at start and on every change (and the agent host with the next request)', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const state = await StateRepository.open(temp.dir);
    const emitted: unknown[] = [];
    const events = { emit: (_name: string, payload: unknown) => emitted.push(payload) } as unknown as DomainEvents;
    const settings = new SettingsService(state, events);
    expect(sharedStatusClock.stuckAfterMs).toBe(defaultStuckAfterMinutes * 60_000);
    await settings.set({ stuckAfterMinutes: 3 });
    expect(sharedStatusClock.stuckAfterMs).toBe(180_000);
    expect(emitted.at(-1)).toMatchObject({ stuckAfterMinutes: 3 });
    await settings.set({ stuckAfterMinutes: 0 });
    expect(sharedStatusClock.stuckAfterMs).toBeNull();
    new SettingsService(state, events);
    expect(sharedStatusClock.stuckAfterMs).toBeNull();
  });
});
