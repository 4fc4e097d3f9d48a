import type { Handlers } from '../dispatcher';
import { briefHandlers } from './briefs';
import { coreHandlers } from './core';
import { mergeQueueHandlers } from './merge-queue';
import type { HandlerDeps } from './handler-deps';
import { pipelineHandlers } from './pipeline';
import { profileHandlers } from './profiles';
import { reviewHandlers } from './review';

/** Every channel's handler, one module per domain. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...coreHandlers(deps),
    ...pipelineHandlers(deps),
    ...briefHandlers(deps),
    ...profileHandlers(deps),
    ...reviewHandlers(deps),
    ...mergeQueueHandlers(deps),
  };
}
