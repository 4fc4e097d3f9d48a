import type { briefRequestChannels } from '../channels/briefs';
import type { ContractOf } from './common';

/** Worker briefs: templates and the rendered first prompt. */
export const briefContract = {} as const satisfies ContractOf<(typeof briefRequestChannels)[number]>;
