import type { z } from 'zod';
import type { mergeQueueEventChannels, mergeQueueRequestChannels } from '../channels/merge-queue';
import type { ContractOf } from './common';

/** Merge queue requests. */
export const mergeQueueContract = {} as const satisfies ContractOf<(typeof mergeQueueRequestChannels)[number]>;

/** Merge queue events. */
export const mergeQueueEventContract = {} as const satisfies Record<
  (typeof mergeQueueEventChannels)[number],
  z.ZodType
>;
