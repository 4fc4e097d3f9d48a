import { build } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNamesDefine, contractChannelNames } from '../../scripts/channel-names.mjs';
import { eventChannels, requestChannels } from '../../shared/contract';

// A stand-in for the two Electron modules the preload uses, recording what it does with them.
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, (...args: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: 'from main' });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

interface Bridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('../preload');
  bridge = exposed.get('switchyard') as Bridge;
});

describe('preload', () => {
  it('exposes exactly one object, the contract bridge, and nothing of Node or Electron', () => {
    expect([...exposed.keys()]).toEqual(['switchyard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels only', async () => {
    expect(await bridge.invoke('threads.list', {})).toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([['switchyard:threads.list', {}]]);
    expect(await bridge.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(invoked).toHaveLength(1);
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.on('thread.updated', (payload) => received.push(payload));
    const deliver = listeners.get('switchyard:event')!;
    deliver({}, 'terminal.data', { data: 'x' });
    deliver({}, 'thread.updated', { id: 't1' });
    expect(received).toEqual([{ id: 't1' }]);
    off();
    expect(listeners.has('switchyard:event')).toBe(false);
    expect(() => bridge.on('not.an.event', () => undefined)).toThrow();
  });
});

describe('the preload’s allow-list', () => {
  it('is the contract’s channel names, read off the contract at build time', async () => {
    expect(await contractChannelNames()).toEqual({ requests: requestChannels, events: eventChannels });
  });

  it('lets every contract channel and event through, as built (no zod, nothing else)', async () => {
    // Bundled as scripts/build.mjs bundles it, then run against a stand-in Electron.
    const built = await build({
      entryPoints: [path.resolve(__dirname, '..', 'preload.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      define: await channelNamesDefine(),
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]!.text;
    expect(code).not.toMatch(/zod|ZodObject/);
    const forwarded: string[] = [];
    let exposedBridge: Bridge | undefined;
    const electron = {
      contextBridge: { exposeInMainWorld: (_key: string, api: Bridge) => (exposedBridge = api) },
      ipcRenderer: {
        invoke: (channel: string) => {
          forwarded.push(channel);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { module, exports: module.exports, require: () => electron });
    const asBuilt = exposedBridge!;
    for (const channel of requestChannels) await asBuilt.invoke(channel, {});
    expect(forwarded).toEqual(requestChannels.map((c) => `switchyard:${c}`));
    expect(await asBuilt.invoke('shell.exec', {})).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    for (const event of eventChannels) asBuilt.on(event, () => undefined)();
    expect(() => asBuilt.on('fs.changed', () => undefined)).toThrow();
  });
});
