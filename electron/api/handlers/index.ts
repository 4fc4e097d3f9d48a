import type { Handlers } from '../request-router';
import { appHandlers } from './app';
import { attemptHandlers } from './attempts';
import { briefHandlers } from './briefs';
import { demoHandlers } from './demo';
import type { HandlerDeps } from './handler-deps';
import { mergeHandlers } from './merge';
import { mergeQueueHandlers } from './merge-queue';
import { planHandlers } from './plans';
import { profileHandlers } from './profiles';
import { projectHandlers } from './projects';
import { reviewHandlers } from './review';
import { reviewerHandlers } from './reviewer';
import { settingsHandlers } from './settings';
import { terminalHandlers } from './terminal';
import { threadHandlers } from './threads';
import { usageHandlers } from './usage';
import { workspaceHandlers } from './workspace';

/** Every channel's handler: one module per contract group (shared/contract/<group>.ts). */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...projectHandlers(deps),
    ...profileHandlers(deps),
    ...threadHandlers(deps),
    ...terminalHandlers(deps),
    ...mergeHandlers(deps),
    ...demoHandlers(deps),
    ...settingsHandlers(deps),
    ...briefHandlers(deps),
    ...reviewHandlers(deps),
    ...mergeQueueHandlers(deps),
    ...workspaceHandlers(deps),
    ...usageHandlers(deps),
    ...attemptHandlers(deps),
    ...planHandlers(deps),
    ...reviewerHandlers(deps),
  };
}
