import { MergeOutcomeSchema } from '../models';
import { type ContractGroup, ThreadRef } from './common';

/** `merge.*`: one thread's branch merged into its base, outside the merge queue. */
export const mergeContract = {
  requests: {
    'merge.run': { request: ThreadRef, response: MergeOutcomeSchema },
  },
  events: {},
} as const satisfies ContractGroup<'merge'>;
