import type { threadsContract } from '../../../shared/contract/threads';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function threadHandlers({ threads }: HandlerDeps): HandlersOf<typeof threadsContract> {
  return {
    'threads.list': () => threads.list(),
    'threads.create': (request) => threads.create(request),
    'threads.stop': ({ threadId }) => threads.stop(threadId),
    'threads.resume': ({ threadId }) => threads.resume(threadId),
    'threads.startNow': ({ threadId }) => threads.startNow(threadId),
    'threads.remove': ({ threadId, discard }) => threads.remove(threadId, discard),
    'threads.followUps.list': ({ threadId }) => threads.followUps(threadId),
    'threads.followUps.add': ({ threadId, text }) => threads.changeFollowUps(threadId, { op: 'add', text }),
    'threads.followUps.edit': ({ threadId, id, text }) => threads.changeFollowUps(threadId, { op: 'edit', id, text }),
    'threads.followUps.remove': ({ threadId, id }) => threads.changeFollowUps(threadId, { op: 'remove', id }),
    'threads.followUps.sendNow': ({ threadId, id }) => threads.changeFollowUps(threadId, { op: 'sendNow', id }),
  };
}
