import { describe, expect, it } from 'vitest';
import { followUpQueuedMessage } from '../../shared/follow-ups';
import type { HandBackOutcome } from '../../shared/merge-queue';
import { type Thread, ThreadSchema } from '../../shared/models';
import { useThreadsStore } from '../state/threads-store';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { createMergeQueueActions } from './merge-queue-actions';
import { useMergeQueueStore } from './merge-queue-store';

function threadIn(status: Thread['status']): Thread {
  return ThreadSchema.parse({
    id: 't1',
    projectId: 'p1',
    name: 'Title B',
    branch: 'switchyard/title-b',
    baseBranch: 'main',
    worktreePath: '/tmp/wt',
    profileId: 'demo',
    prompt: '',
    status,
    statusReason: null,
    exitCode: null,
    createdAt: new Date().toISOString(),
    merged: null,
    worktreeMissing: false,
  });
}

const outcome: HandBackOutcome = {
  rebased: false,
  conflicts: ['README.md'],
  messaged: true,
  newTip: null,
  backupRef: null,
  message: 'Rebasing stopped at conflicts in README.md; the agent of "Title B" was asked to resolve them.',
};

async function handBackWhile(status: Thread['status']): Promise<string | undefined> {
  useThreadsStore.getState().upsert(threadIn(status));
  useMergeQueueStore.getState().show('p1');
  const bridge = new FakeBridge().handle('mergeQueue.handBack', () => ok(outcome));
  await createMergeQueueActions(bridge).handBack('p1', 't1');
  return useMergeQueueStore.getState().handBack?.message;
}

describe('handing back to an agent that is not ready', () => {
  it('says the message will be sent when the agent is ready', async () => {
    expect(await handBackWhile('needs-input')).toBe(`${outcome.message} ${followUpQueuedMessage}`);
    expect(await handBackWhile('working')).toContain('will be sent when the agent is ready');
  });

  it('says nothing more when the agent is ready and gets it at once', async () => {
    expect(await handBackWhile('idle')).toBe(outcome.message);
  });
});
