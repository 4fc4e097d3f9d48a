import type { settingsContract } from '../../../shared/contract/settings';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function settingsHandlers({ settings }: HandlerDeps): HandlersOf<typeof settingsContract> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
