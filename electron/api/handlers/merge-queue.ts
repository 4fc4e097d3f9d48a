import type { mergeQueueRequestChannels } from '../../../shared/channels/merge-queue';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function mergeQueueHandlers(_deps: HandlerDeps): DomainHandlers<typeof mergeQueueRequestChannels> {
  return {};
}
