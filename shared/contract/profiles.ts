import { z } from 'zod';
import { CustomProfileSchema } from '../custom-profile';
import { AgentProfileInfoSchema } from '../models';
import { type ContractGroup, Empty } from './common';

/** `profiles.*`: the agents a thread can run, built-in and user-defined (stored as data). */
export const profilesContract = {
  requests: {
    'profiles.list': { request: Empty, response: z.array(AgentProfileInfoSchema) },
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
  },
  events: {},
} as const satisfies ContractGroup<'profiles'>;
