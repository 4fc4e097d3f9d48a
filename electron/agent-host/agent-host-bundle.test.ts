import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * What the agent host process loads is resident for as long as agents run, counted in every idle
 * thread's share (docs/performance.md): zod alone cost it ~10 MB, and it validates nothing there.
 */
describe('the agent host bundle', () => {
  it('leaves zod out (the contract schemas stay in the app)', async () => {
    const result = await build({
      entryPoints: ['electron/agent-host/agent-host-main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      external: ['electron', 'node-pty'],
      outfile: 'agent-host.cjs',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('electron/threads/thread-runtime.ts'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/zod\//.test(input))).toEqual([]);
  });
});
