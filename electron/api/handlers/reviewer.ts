import type { reviewerContract } from '../../../shared/contract/reviewer';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Second opinions: reviewer agents on a thread or on the whole merge queue (reviewer/reviewer-service.ts). */
export function reviewerHandlers({ reviewer }: HandlerDeps): HandlersOf<typeof reviewerContract> {
  return {
    'reviewer.run': ({ threadId, profileId, wait }) => reviewer.run(threadId, { profileId, wait }),
    'reviewer.cancel': ({ runId }) => ({ cancelled: reviewer.cancel(runId) }),
    'reviewer.runAll': ({ projectId, profileId, wait }) => reviewer.runAll(projectId, { profileId, wait }),
    'reviewer.list': ({ projectId }) => reviewer.list(projectId),
    'reviewer.settings': ({ projectId }) => reviewer.settings(projectId),
    'reviewer.setSettings': ({ projectId, settings }) => reviewer.setSettings(projectId, settings),
  };
}
