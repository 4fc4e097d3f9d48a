import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { agentHostPaths } from '../../electron/agent-host/protocol';
import { assertAnswering, createScriptThread, faultWorkspace } from './support/fault-workspace';

/** A window attached to a flooding thread that stops reading: memory stays bounded (the app and its agent host). */
describe('a reader that never reads', () => {
  it('a `yes` flood watched by a stalled window grows the app and its agent host by less than 100 MB', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const stalled = await workspace.connect(host);
    const thread = await createScriptThread(stalled, 'yes', 'yes');
    await stalled.call('terminal.attach', { threadId: thread.id });
    // Acknowledge far more than was ever sent, as a hostile page could; then stop reading entirely.
    await stalled.request('terminal.ack', { threadId: thread.id, chars: 1e8 });
    const raw = (stalled.socket as unknown as { _socket: { pause(): void } })._socket;
    raw.pause();
    // The flood runs in the agent host: it must be there to be measured.
    expect(Number(await readFile(agentHostPaths(workspace.dataDir).pid, 'utf8'))).toBeGreaterThan(0);
    const before = await host.totalRssMb();
    let peak = before;
    for (let i = 0; i < 20; i++) {
      stalled.fire('terminal.ack', { threadId: thread.id, chars: 1e8 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      peak = Math.max(peak, await host.totalRssMb());
    }
    expect(peak - before).toBeLessThan(100);
    await assertAnswering(host);
  });
});
