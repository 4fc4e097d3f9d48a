import { describe, expect, it } from 'vitest';
import { type CustomProfile, CustomProfileSchema } from '../../shared/custom-profile';
import { AgentRegistry } from './agent-registry';
import { builtinProfiles } from './builtin-profiles';
import type { CustomProfileStore } from './custom-profiles';

function memoryStore(): CustomProfileStore & { saved: CustomProfile[] } {
  const store = {
    saved: [] as CustomProfile[],
    get: () => store.saved,
    set: async (_key: 'customProfiles', value: CustomProfile[]) => {
      store.saved = value;
    },
  };
  return store;
}

const builtins = builtinProfiles({
  demoAgentScript: '/d.cjs',
  nodeExecutable: process.execPath,
  runningInElectron: false,
});
const mine = CustomProfileSchema.parse({
  id: 'custom-mine',
  label: 'Mine',
  binary: '/bin/sh',
  args: ['-c', 'echo hi'],
});

describe('agent registry', () => {
  it('sees a saved custom profile at once, replaces it by id, and forgets it when deleted', async () => {
    const store = memoryStore();
    const registry = new AgentRegistry(builtins, store);
    expect(() => registry.get('custom-mine')).toThrow('no agent profile "custom-mine"');

    const info = await registry.saveCustom(mine);
    expect(info).toMatchObject({ id: 'custom-mine', installed: true, custom: true, modes: ['interactive'] });
    expect(registry.get('custom-mine').args).toEqual(['-c', 'echo hi']);
    expect((await registry.describeAll(false)).map((p) => p.id)).toContain('custom-mine');

    await registry.saveCustom({ ...mine, label: 'Mine, renamed' });
    expect(store.saved).toHaveLength(1);
    expect(registry.get('custom-mine').label).toBe('Mine, renamed');

    expect(await registry.deleteCustom('custom-mine')).toBe(true);
    expect(await registry.deleteCustom('custom-mine')).toBe(false);
    expect(registry.all().some((p) => p.id === 'custom-mine')).toBe(false);
  });

  it('describes what each built-in can do', async () => {
    const registry = new AgentRegistry(builtins);
    const claude = (await registry.describeAll(false)).find((p) => p.id === 'claude');
    expect(claude).toMatchObject({
      modes: ['interactive', 'headless'],
      supportsResume: true,
      custom: false,
      approvalModes: [
        { id: 'default', bypass: false },
        { id: 'acceptEdits', bypass: false },
        { id: 'plan', bypass: false },
        { id: 'bypassPermissions', bypass: true },
      ].map((mode) => expect.objectContaining(mode)),
    });
  });

  it('refuses custom profiles without a store, and ids of built-ins', async () => {
    await expect(new AgentRegistry(builtins).saveCustom(mine)).rejects.toMatchObject({ kind: 'unsupported' });
    const clash = new AgentRegistry([...builtins, { ...builtins[0]!, id: 'custom-mine' }], memoryStore());
    await expect(clash.saveCustom(mine)).rejects.toMatchObject({ kind: 'invalid-request' });
  });
});
