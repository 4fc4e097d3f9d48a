import type { briefRequestChannels } from '../../../shared/channels/briefs';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function briefHandlers(_deps: HandlerDeps): DomainHandlers<typeof briefRequestChannels> {
  return {};
}
