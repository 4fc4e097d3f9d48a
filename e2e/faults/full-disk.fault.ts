import { describe, expect, it } from 'vitest';
import {
  assertAnswering,
  createScriptThread,
  eventually,
  faultWorkspace,
  threadNamed,
} from './support/fault-workspace';

/**
 * The disk fills while an agent floods its terminal log: a file-size limit on the host process
 * (`ulimit -f`, so no root or tmpfs is needed) makes every write past it fail with EFBIG.
 */
describe('a full disk on a log write', () => {
  it('keeps the host answering and the thread listed; the state file is still written', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve({ fileSizeLimitKb: 1024 });
    const wire = await workspace.connect(host);
    await createScriptThread(wire, 'flood', 'head -c 8000000 /dev/zero | tr "\\0" x; echo; echo FLOOD-DONE; sleep 600');
    await eventually(async () => (await threadNamed(wire, 'flood'))?.status === 'working', 'the flood to start');
    // Long enough for the log to pass the limit many times over.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await assertAnswering(host);
    // A change to the state after the log hit the limit is still saved and read back.
    await createScriptThread(wire, 'after', 'echo after; sleep 600');
    expect(await threadNamed(wire, 'after')).toBeTruthy();
    expect(host.alive()).toBe(true);
  });
});
