import { z } from 'zod';
import { type ContractGroup, ProjectRef } from './common';

export const reviewerRunStates = ['running', 'done', 'failed', 'cancelled', 'timed-out'] as const;
export const ReviewerRunStateSchema = z.enum(reviewerRunStates);
export type ReviewerRunState = z.infer<typeof ReviewerRunStateSchema>;

/** One reviewer agent's run on one thread's branch (a second opinion, issue 15). */
export const ReviewerRunSchema = z.object({
  runId: z.string(),
  threadId: z.string(),
  projectId: z.string(),
  profileId: z.string(),
  profileLabel: z.string(),
  /** The branch tip it read. */
  commit: z.string(),
  state: ReviewerRunStateSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The last part of what it printed (bounded), shown in "View output". */
  output: z.string(),
  outputTruncated: z.boolean(),
  /** Comments it left: findings on lines of the diff, and notes for the rest of its output. */
  comments: z.number().int(),
  blocking: z.number().int(),
  /** Output lines that were not a finding on the diff, kept as one general note. */
  unparsed: z.number().int(),
  /** Earlier reviewer runs' draft comments this run replaced (never edited or sent ones). */
  replaced: z.number().int(),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ReviewerRun = z.infer<typeof ReviewerRunSchema>;

/** Per project: the prompt the reviewer gets and how many reviewers Review all runs at once. */
export const ReviewerSettingsSchema = z.object({
  /** Null: the built-in prompt (electron/reviewer/default-review-prompt.ts). */
  prompt: z.string().max(20_000).nullable(),
  maxParallel: z.number().int().min(1).max(8),
});
export type ReviewerSettings = z.infer<typeof ReviewerSettingsSchema>;

const RunChoice = {
  /** Default: a different installed agent than the thread's own, else the demo agent's review scenario. */
  profileId: z.string().min(1).optional(),
  /** Answer only when the run(s) ended (tests, the CLI); by default at once, with status events after. */
  wait: z.boolean().default(false),
};

/** `reviewer.*`: a reviewer agent reads a branch and leaves its findings as review comments. */
export const reviewerContract = {
  requests: {
    'reviewer.run': {
      request: z.object({ threadId: z.string().min(1), ...RunChoice }).strict(),
      response: ReviewerRunSchema,
    },
    'reviewer.cancel': {
      request: z.object({ runId: z.string().min(1) }).strict(),
      response: z.object({ cancelled: z.boolean() }),
    },
    /** A reviewer on every thread in the project's merge queue, at most `maxParallel` at once. */
    'reviewer.runAll': {
      request: z.object({ projectId: z.string().min(1), ...RunChoice }).strict(),
      response: z.array(ReviewerRunSchema),
    },
    /** The runs of this session, newest first. */
    'reviewer.list': { request: ProjectRef, response: z.array(ReviewerRunSchema) },
    'reviewer.settings': {
      request: ProjectRef,
      response: ReviewerSettingsSchema.extend({ defaultPrompt: z.string() }),
    },
    'reviewer.setSettings': {
      request: z.object({ projectId: z.string().min(1), settings: ReviewerSettingsSchema }).strict(),
      response: ReviewerSettingsSchema.extend({ defaultPrompt: z.string() }),
    },
  },
  events: {
    'reviewer.updated': ReviewerRunSchema,
  },
} as const satisfies ContractGroup<'reviewer', 'reviewer'>;
