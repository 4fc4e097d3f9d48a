import { z } from 'zod';
import { StartReportSchema } from '../start-report';
import { type ContractGroup, Empty } from './common';

/** `app.*`: what the window needs to know about the process it talks to. */
export const appContract = {
  requests: {
    'app.info': {
      request: Empty,
      response: z.object({
        version: z.string(),
        host: z.enum(['electron', 'browser']),
        dataDir: z.string(),
        platform: z.string(),
        /** True until the user has opened any project. */
        firstRun: z.boolean(),
        canPickFolder: z.boolean(),
        /** Set when the state file was unreadable at start and was recovered: what happened, for the user. */
        stateProblem: z.string().nullable(),
        /** What this start reattached and what had stopped with Switchyard (the start banner). */
        startReport: StartReportSchema,
      }),
    },
  },
  events: {
    /**
     * Sent to one window, not announced on the event bus: open this thread (a desktop notification
     * was clicked in the Electron app).
     */
    'app.openThread': z.object({ threadId: z.string().min(1) }),
  },
} as const satisfies ContractGroup<'app', 'app'>;
