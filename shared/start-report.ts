import { z } from 'zod';
import { StopCauseSchema, ThreadStatusSchema } from './models';

/**
 * What a start found (app.info's `startReport`, shown once as the start banner): the agents that
 * kept running without Switchyard and were reattached, and those that ended because Switchyard went
 * away (quit, crash, or an exit while it was closed), with whether each can be resumed.
 */
export const StartReportSchema = z.object({
  /** When this start happened: a banner dismissed for one start shows again for the next. */
  startedAt: z.string(),
  reattached: z.array(z.object({ threadId: z.string(), name: z.string() })),
  /**
   * Agents still running in the agent host of an older Switchyard (another protocol version): not
   * reattached — no live output or input here — but their end is recorded when they exit.
   */
  inOlderHost: z.array(z.object({ threadId: z.string(), name: z.string() })).optional(),
  stopped: z.array(
    z.object({
      threadId: z.string(),
      name: z.string(),
      status: ThreadStatusSchema,
      cause: StopCauseSchema,
      reason: z.string(),
      /** Stopped with its worktree still there: threads.resume can start it again. */
      canResume: z.boolean(),
    }),
  ),
});
export type StartReport = z.infer<typeof StartReportSchema>;

export const emptyStartReport: StartReport = { startedAt: '', reattached: [], stopped: [] };
