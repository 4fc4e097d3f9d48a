import type { profileRequestChannels } from '../../../shared/channels/profiles';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function profileHandlers(_deps: HandlerDeps): DomainHandlers<typeof profileRequestChannels> {
  return {};
}
