import type { reviewRequestChannels } from '../../../shared/channels/review';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function reviewHandlers(_deps: HandlerDeps): DomainHandlers<typeof reviewRequestChannels> {
  return {};
}
