import type { z } from 'zod';
import type { reviewEventChannels, reviewRequestChannels } from '../channels/review';
import type { ContractOf } from './common';

/** Review pane requests. */
export const reviewContract = {} as const satisfies ContractOf<(typeof reviewRequestChannels)[number]>;

/** Review pane events. */
export const reviewEventContract = {} as const satisfies Record<(typeof reviewEventChannels)[number], z.ZodType>;
