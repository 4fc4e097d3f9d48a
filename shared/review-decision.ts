import { z } from 'zod';

/**
 * The dispatcher's verdict on a thread's branch. Only `approved` threads are candidates for the
 * merge queue; `rejected` keeps the branch but archives the thread.
 */
export const reviewStates = ['unreviewed', 'approved', 'changes-requested', 'rejected'] as const;
export const ReviewStateSchema = z.enum(reviewStates);
export type ReviewState = z.infer<typeof ReviewStateSchema>;

export const ReviewDecisionSchema = z.object({
  state: ReviewStateSchema,
  /** Branch tip the decision was made on: a later commit makes an approval stale. */
  commit: z.string().nullable(),
  at: z.string().nullable(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export const unreviewed: ReviewDecision = { state: 'unreviewed', commit: null, at: null };
