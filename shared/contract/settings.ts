import { SettingsSchema, SettingsViewSchema } from '../settings';
import { type ContractGroup, Empty } from './common';

/** `settings.*`: the app's own settings (not a project's). */
export const settingsContract = {
  requests: {
    'settings.get': { request: Empty, response: SettingsViewSchema },
    'settings.set': { request: SettingsSchema.partial().strict(), response: SettingsViewSchema },
  },
  events: {
    'settings.updated': SettingsViewSchema,
  },
} as const satisfies ContractGroup<'settings', 'settings'>;
