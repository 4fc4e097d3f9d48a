import { z } from 'zod';
import {
  AttemptAgentSchema,
  AttemptComparisonSchema,
  AttemptGroupSchema,
  maxAttempts,
  minAttempts,
  ScoreWeightsSchema,
} from '../attempts';
import { BriefSchema } from '../brief';
import { type ContractGroup, Empty, ProjectRef } from './common';
import { nameSchema } from '../display-name';

const GroupRef = z.object({ groupId: z.string().min(1) }).strict();
const AttemptRef = z.object({ groupId: z.string().min(1), k: z.number().int().min(1).max(maxAttempts) }).strict();

/** A patch between two attempts' branches (`git diff A..B`), capped like the review's. */
export const AttemptDiffSchema = z.object({
  a: z.string(),
  b: z.string(),
  patch: z.string(),
  truncated: z.boolean(),
});
export type AttemptDiff = z.infer<typeof AttemptDiffSchema>;

/** `attempts.*`: one task run by several agents side by side, compared, and one kept (issue 15). */
export const attemptsContract = {
  requests: {
    'attempts.list': { request: Empty, response: z.array(AttemptGroupSchema) },
    /** N ordinary threads on the same brief, each on `switchyard/<name>/attempt-<k>` with its own agent. */
    'attempts.create': {
      request: z
        .object({
          projectId: z.string().min(1),
          name: nameSchema(120),
          baseBranch: z.string().max(255).optional(),
          prompt: z.string().max(100_000).default(''),
          brief: BriefSchema.optional(),
          /** Timed in each attempt's worktree by Verify all (its last printed number, else its time). */
          benchmarkCommand: z.string().trim().max(2000).optional(),
          agents: z.array(AttemptAgentSchema).min(minAttempts).max(maxAttempts),
          cols: z.number().int().min(2).max(1000).optional(),
          rows: z.number().int().min(2).max(1000).optional(),
        })
        .strict(),
      response: AttemptGroupSchema,
    },
    /** Every attempt's figures, checks and scores. */
    'attempts.compare': { request: GroupRef, response: AttemptComparisonSchema },
    /** Runs every verification command (and the benchmark) on every running attempt; answers when all ended. */
    'attempts.verifyAll': { request: GroupRef, response: AttemptComparisonSchema },
    'attempts.diff': {
      request: z
        .object({
          groupId: z.string().min(1),
          a: z.number().int().min(1).max(maxAttempts),
          b: z.number().int().min(1).max(maxAttempts),
        })
        .strict(),
      response: AttemptDiffSchema,
    },
    /** Keeps attempt k as the thread; the others stop, their work kept under refs/switchyard/attempts/… and their worktrees removed. */
    'attempts.pick': { request: AttemptRef, response: AttemptGroupSchema },
    /** Brings a set-aside attempt back: a worktree and a (stopped) thread on its kept work. */
    'attempts.restore': { request: AttemptRef, response: AttemptGroupSchema },
    'attempts.weights': { request: ProjectRef, response: ScoreWeightsSchema },
    'attempts.setWeights': {
      request: z.object({ projectId: z.string().min(1), weights: ScoreWeightsSchema }).strict(),
      response: ScoreWeightsSchema,
    },
  },
  events: {
    'attempt.updated': AttemptGroupSchema,
  },
} as const satisfies ContractGroup<'attempts', 'attempt'>;
