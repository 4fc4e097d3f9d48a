import type { profilesContract } from '../../../shared/contract/profiles';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Built-in and custom agent profiles: the registry keeps custom ones in the app state and lists them live. */
export function profileHandlers({ agents }: HandlerDeps): HandlersOf<typeof profilesContract> {
  return {
    'profiles.list': () => agents.describeAll(),
    'profiles.listCustom': () => agents.customProfiles(),
    'profiles.saveCustom': ({ profile }) => agents.saveCustom(profile),
    'profiles.deleteCustom': async ({ id }) => ({ deleted: await agents.deleteCustom(id) }),
  };
}
