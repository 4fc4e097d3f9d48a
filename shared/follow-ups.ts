import { z } from 'zod';

/**
 * A message waiting to be typed into a thread's agent: the first prompt of a tool that takes it as
 * typed input (`prompt`), or a follow-up the dispatcher queued for the agent's next turn
 * (`message`: typed in the box under the terminal, review comments, a merge-queue hand-back).
 * Delivered in order, one each time the agent is ready for input; never into a question.
 */
export const FollowUpSchema = z.object({
  id: z.string(),
  kind: z.enum(['prompt', 'message']),
  text: z.string(),
  queuedAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const followUpMaxChars = 100_000;

// Kept free of zod for the agent host (follow-up-notes.ts); re-exported for everyone else.
export { promptWaitingNote } from './follow-up-notes';

/** Said where a message went to the queue rather than straight into the agent. */
export const followUpQueuedMessage =
  'It will be sent when the agent is ready (not into a question it is asking); see the queue under its terminal.';

/** What can be done to a thread's queue. */
export type FollowUpChange =
  | { readonly op: 'add'; readonly text: string }
  | { readonly op: 'edit'; readonly id: string; readonly text: string }
  | { readonly op: 'remove'; readonly id: string }
  | { readonly op: 'sendNow'; readonly id: string };
