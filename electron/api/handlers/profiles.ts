import type { profileRequestChannels } from '../../../shared/channels/profiles';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

/** Custom agent profiles: the registry keeps them in the app state and lists them live. */
export function profileHandlers({ agents }: HandlerDeps): DomainHandlers<typeof profileRequestChannels> {
  return {
    'profiles.listCustom': () => agents.customProfiles(),
    'profiles.saveCustom': ({ profile }) => agents.saveCustom(profile),
    'profiles.deleteCustom': async ({ id }) => ({ deleted: await agents.deleteCustom(id) }),
  };
}
