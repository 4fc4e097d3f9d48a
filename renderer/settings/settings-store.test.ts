import { describe, expect, it } from 'vitest';
import { CustomProfileSchema } from '../../shared/custom-profile';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { closeSettings, createSettingsRequests, openSettings, useSettingsStore } from './settings-store';

const profile = CustomProfileSchema.parse({ id: 'custom-x', label: 'X', binary: 'x' });

describe('settings store', () => {
  it('opens and closes the settings window', () => {
    openSettings();
    expect(useSettingsStore.getState().open).toBe(true);
    closeSettings();
    expect(useSettingsStore.getState().open).toBe(false);
  });

  it('refreshes the profile list after a custom profile is saved or deleted, not after a failure', async () => {
    let refreshes = 0;
    const bridge = new FakeBridge()
      .handle('profiles.saveCustom', () => ({ ok: false, error: { kind: 'invalid-request', message: 'bad' } }))
      .handle('profiles.deleteCustom', () => ok({ deleted: true }));
    const requests = createSettingsRequests(bridge, async () => {
      refreshes++;
    });
    expect((await requests.saveCustomProfile(profile)).ok).toBe(false);
    expect(refreshes).toBe(0);
    expect(await requests.deleteCustomProfile('custom-x')).toEqual(ok({ deleted: true }));
    expect(refreshes).toBe(1);
    expect(bridge.calls.map((c) => c.channel)).toEqual(['profiles.saveCustom', 'profiles.deleteCustom']);
  });
});
