import { z } from 'zod';
import type { profileRequestChannels } from '../channels/profiles';
import { CustomProfileSchema } from '../custom-profile';
import { AgentProfileInfoSchema } from '../models';
import { type ContractOf, Empty } from './common';

/** User-defined agent profiles: stored as data, listed by `profiles.list` beside the built-in ones. */
export const profileContract = {
  /** The stored definitions, for editing (`profiles.list` gives what they can do and whether installed). */
  'profiles.listCustom': { request: Empty, response: z.array(CustomProfileSchema) },
  /** Adds a profile, or replaces the one with the same id; answers as `profiles.list` would list it. */
  'profiles.saveCustom': {
    request: z.object({ profile: CustomProfileSchema.strict() }).strict(),
    response: AgentProfileInfoSchema,
  },
  /** Threads already running keep running; a deleted profile cannot start or resume any more. */
  'profiles.deleteCustom': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
} as const satisfies ContractOf<(typeof profileRequestChannels)[number]>;
