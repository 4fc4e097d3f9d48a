import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { gitOutput, runGit } from '../../electron/git/core';
import {
  assertAnswering,
  createScriptThread,
  eventually,
  faultWorkspace,
  threadNamed,
} from './support/fault-workspace';

/** Someone deletes a thread's worktree under its running agent: the host says so and its commits stay reachable. */
describe('a worktree deleted under a running agent', () => {
  it('keeps answering, reports the worktree missing, and removing the thread keeps its commits', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const wire = await workspace.connect(host);
    const thread = await createScriptThread(
      wire,
      'doomed',
      'echo work > work.txt && git add work.txt && git commit -qm work && echo committed && sleep 600',
    );
    const tip = await eventually(async () => {
      const log = await gitOutput(workspace.repo, ['log', '--format=%H %s', '-1', thread.branch]);
      return log.includes(' work') ? log.split(' ')[0] : null;
    }, 'the agent committing');

    await rm(thread.worktreePath, { recursive: true, force: true });
    await assertAnswering(host);
    await eventually(async () => (await threadNamed(wire, 'doomed'))?.worktreeMissing, 'the thread to report it');

    const removed = await wire.request('threads.remove', { threadId: thread.id, discard: false });
    if (removed.ok) {
      // Removing may succeed, but only by keeping the unmerged commit on its branch or a backup ref.
      const refs = await gitOutput(workspace.repo, ['for-each-ref', '--contains', tip!, '--format=%(refname)']);
      expect(refs.trim()).not.toBe('');
    } else {
      expect(removed.error?.message).toMatch(/commit|unmerged|unsaved/i);
      expect((await gitOutput(workspace.repo, ['rev-parse', thread.branch])).trim()).toBe(tip);
    }
    await runGit(workspace.repo, ['worktree', 'prune']);
    await assertAnswering(host);
  });
});
