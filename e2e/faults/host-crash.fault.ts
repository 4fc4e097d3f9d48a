import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitOutput } from '../../electron/git/core';
import {
  assertAnswering,
  createScriptThread,
  eventually,
  faultWorkspace,
  threadNamed,
} from './support/fault-workspace';

/** kill -9 of the host while an agent writes and commits: every record, file and commit is there after a restart. */
describe('the host killed mid-agent-write', () => {
  it('keeps the thread, its commits and its files; the host starts again and answers', async () => {
    const workspace = await faultWorkspace();
    let host = await workspace.serve();
    let wire = await workspace.connect(host);
    // An agent that commits once, then keeps appending to a file as fast as it can.
    const thread = await createScriptThread(
      wire,
      'writer',
      'echo first > first.txt && git add first.txt && git commit -qm first && ' +
        'i=0; while true; do i=$((i+1)); echo "line $i" >> log.txt; done',
    );
    const logFile = path.join(thread.worktreePath, 'log.txt');
    await eventually(
      async () => (await readFile(logFile, 'utf8').catch(() => '')).length > 10_000,
      'the agent writing',
    );
    const committed = (await gitOutput(workspace.repo, ['rev-parse', thread.branch])).trim();

    await host.crash();
    host = await workspace.serve();
    wire = await workspace.connect(host);

    const after = await threadNamed(wire, 'writer');
    expect(after).toMatchObject({ id: thread.id, branch: thread.branch, worktreePath: thread.worktreePath });
    expect((await gitOutput(workspace.repo, ['rev-parse', thread.branch])).trim()).toBe(committed);
    expect(await readFile(path.join(thread.worktreePath, 'first.txt'), 'utf8')).toBe('first\n');
    expect((await readFile(logFile, 'utf8')).length).toBeGreaterThan(10_000);
    // The agent outlived the host in the agent host (issue 12) and is adopted with the status it has now.
    expect(after?.status).toMatch(/starting|working|idle|needs-input/);
    await assertAnswering(host);
  });
});
