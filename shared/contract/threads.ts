import { z } from 'zod';
import { BriefSchema } from '../brief';
import { FollowUpSchema, followUpMaxChars } from '../follow-ups';
import { RemoveOutcomeSchema, ThreadSchema } from '../models';
import { type ContractGroup, Empty, ThreadRef } from './common';
import { nameSchema } from '../display-name';

const FollowUpText = z.string().trim().min(1).max(followUpMaxChars);
const FollowUpRef = z.object({ threadId: z.string().min(1), id: z.string().min(1) }).strict();

/** `threads.*`: agents at work, each in its own worktree. */
export const threadsContract = {
  requests: {
    'threads.list': { request: Empty, response: z.array(ThreadSchema) },
    'threads.create': {
      request: z
        .object({
          projectId: z.string().min(1),
          name: nameSchema(120),
          /** Defaults to the branch checked out in the main checkout. */
          baseBranch: z.string().max(255).optional(),
          /** Defaults to a name derived from the thread name. */
          branch: z.string().max(255).optional(),
          profileId: z.string().min(1),
          prompt: z.string().max(100_000).default(''),
          /** argv for the custom command profile; never joined into a shell string. */
          command: z.array(z.string().max(4096)).max(200).optional(),
          /** Scenario name or file for the demo agent profile. */
          scenario: z.string().max(4096).optional(),
          /** The worker brief; when given, the first prompt is rendered from it. */
          brief: BriefSchema.optional(),
          /** Interactive (a live session) or headless (one run), where the tool has both. */
          mode: z.enum(['interactive', 'headless']).optional(),
          /** Id of one of the profile's approval modes; the safe default when absent. */
          approvalMode: z.string().max(100).optional(),
          cols: z.number().int().min(2).max(1000).optional(),
          rows: z.number().int().min(2).max(1000).optional(),
        })
        .strict(),
      response: ThreadSchema,
    },
    'threads.stop': { request: ThreadRef, response: ThreadSchema },
    'threads.resume': { request: ThreadRef, response: ThreadSchema },
    /** Starts a thread waiting for an agent slot now, past `maxRunningAgents` ("Start anyway"). */
    'threads.startNow': { request: ThreadRef, response: ThreadSchema },
    'threads.remove': {
      request: z
        .object({
          threadId: z.string().min(1),
          /** Explicit choice to discard uncommitted or unmerged work (a backup ref is kept). */
          discard: z.boolean().default(false),
        })
        .strict(),
      response: RemoveOutcomeSchema,
    },
    // The follow-up queue: messages for the agent's next turns, typed one each time it is ready for
    // input (never into a question). Each answers with the thread's queue after the change.
    'threads.followUps.list': { request: ThreadRef, response: z.array(FollowUpSchema) },
    'threads.followUps.add': {
      request: z.object({ threadId: z.string().min(1), text: FollowUpText }).strict(),
      response: z.array(FollowUpSchema),
    },
    'threads.followUps.edit': {
      request: z.object({ threadId: z.string().min(1), id: z.string().min(1), text: FollowUpText }).strict(),
      response: z.array(FollowUpSchema),
    },
    'threads.followUps.remove': { request: FollowUpRef, response: z.array(FollowUpSchema) },
    /** Types it now, ready or not: the dispatcher's "send anyway". */
    'threads.followUps.sendNow': { request: FollowUpRef, response: z.array(FollowUpSchema) },
  },
  events: {
    'thread.updated': ThreadSchema,
    'thread.removed': z.object({ threadId: z.string() }),
    'thread.followUps': z.object({ threadId: z.string(), items: z.array(FollowUpSchema) }),
  },
} as const satisfies ContractGroup<'threads', 'thread'>;
