import type { profileRequestChannels } from '../channels/profiles';
import type { ContractOf } from './common';

/** User-defined agent profiles. */
export const profileContract = {} as const satisfies ContractOf<(typeof profileRequestChannels)[number]>;
