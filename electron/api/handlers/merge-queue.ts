import type { mergeQueueContract } from '../../../shared/contract/merge-queue';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function mergeQueueHandlers({ mergeQueue }: HandlerDeps): HandlersOf<typeof mergeQueueContract> {
  return {
    'mergeQueue.get': ({ projectId }) => mergeQueue.view(projectId),
    'mergeQueue.refresh': ({ projectId }) => mergeQueue.refresh(projectId),
    'mergeQueue.setSettings': ({ projectId, settings }) => mergeQueue.setSettings(projectId, settings),
    'mergeQueue.reorder': ({ projectId, order }) => mergeQueue.reorder(projectId, order),
    'mergeQueue.useSuggestedOrder': ({ projectId }) => mergeQueue.useSuggestedOrder(projectId),
    'mergeQueue.add': ({ projectId, threadId }) => mergeQueue.add(projectId, threadId),
    'mergeQueue.remove': ({ projectId, threadId }) => mergeQueue.remove(projectId, threadId),
    'mergeQueue.land': ({ projectId, all }) => mergeQueue.land(projectId, all),
    'mergeQueue.skip': async ({ projectId, threadId, continue: go }) => ({
      outcome: await mergeQueue.skip(projectId, threadId, go),
    }),
    'mergeQueue.unskip': ({ projectId, threadId }) => mergeQueue.unskip(projectId, threadId),
    'mergeQueue.handBack': ({ projectId, threadId }) => mergeQueue.handBack(projectId, threadId),
    'mergeQueue.cleanup': ({ projectId, threadIds, archive }) => mergeQueue.cleanup(projectId, threadIds, archive),
    'mergeQueue.orphans': ({ projectId }) => mergeQueue.orphans(projectId),
    'mergeQueue.cleanOrphans': ({ projectId, prune, branches, threadIds }) =>
      mergeQueue.cleanOrphans(projectId, { prune, branches, threadIds }),
  };
}
