import type { attemptsContract } from '../../../shared/contract/attempts';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Attempt groups: one task by several agents, compared and one kept (attempts/attempts-service.ts). */
export function attemptHandlers({ attempts }: HandlerDeps): HandlersOf<typeof attemptsContract> {
  return {
    'attempts.list': () => attempts.list(),
    'attempts.create': (request) => attempts.create(request),
    'attempts.compare': ({ groupId }) => attempts.compare(groupId),
    'attempts.verifyAll': ({ groupId }) => attempts.verifyAll(groupId),
    'attempts.diff': ({ groupId, a, b }) => attempts.diff(groupId, a, b),
    'attempts.pick': ({ groupId, k }) => attempts.pick(groupId, k),
    'attempts.restore': ({ groupId, k }) => attempts.restore(groupId, k),
    'attempts.weights': ({ projectId }) => attempts.weights(projectId),
    'attempts.setWeights': ({ projectId, weights }) => attempts.setWeights(projectId, weights),
  };
}
