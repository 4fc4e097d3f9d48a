import type { mergeContract } from '../../../shared/contract/merge';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function mergeHandlers({ threads }: HandlerDeps): HandlersOf<typeof mergeContract> {
  return {
    'merge.run': ({ threadId }) => threads.merge(threadId),
  };
}
