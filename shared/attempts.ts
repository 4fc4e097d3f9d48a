import { z } from 'zod';
import { BriefSchema } from './brief';

/** How many attempts a group may have (issue 15: "N attempts (2–6)"). */
export const minAttempts = 2;
export const maxAttempts = 6;

/** The agent of one attempt: the same shape as a thread's (threads.create), each attempt its own. */
export const AttemptAgentSchema = z
  .object({
    profileId: z.string().min(1),
    command: z.array(z.string().max(4096)).max(200).optional(),
    scenario: z.string().max(4096).optional(),
    mode: z.enum(['interactive', 'headless']).optional(),
    approvalMode: z.string().max(100).optional(),
  })
  .strict();
export type AttemptAgent = z.infer<typeof AttemptAgentSchema>;

/**
 * `running`: its thread works (or waits for review); `picked`: the winner, which continues as an
 * ordinary thread; `set-aside`: a loser, its worktree removed and its work kept under `ref`.
 */
export const AttemptStateSchema = z.enum(['running', 'picked', 'set-aside']);
export type AttemptState = z.infer<typeof AttemptStateSchema>;

/** The last benchmark run on an attempt: its time, and the last number it printed (if any). */
export const BenchmarkResultSchema = z.object({
  commit: z.string(),
  exitCode: z.number().int().nullable(),
  ms: z.number().nonnegative(),
  /** The last number in its output, when it printed one; else the time is the figure. */
  printed: z.number().nullable(),
  at: z.string(),
});
export type BenchmarkResult = z.infer<typeof BenchmarkResultSchema>;

export const AttemptSchema = z.object({
  /** 1-based, as in the branch `switchyard/<name>/attempt-<k>`. */
  k: z.number().int().min(1),
  /** The attempt's thread; null once set aside (its thread is removed with its worktree). */
  threadId: z.string().nullable(),
  branch: z.string(),
  agent: AttemptAgentSchema,
  state: AttemptStateSchema,
  /** `refs/switchyard/attempts/<group>/<k>`: keeps a set-aside attempt's work reachable. */
  ref: z.string().nullable().default(null),
  /** When its agent first finished (done, failed or stopped): elapsed = finishedAt − startedAt. */
  startedAt: z.string(),
  finishedAt: z.string().nullable().default(null),
  benchmark: BenchmarkResultSchema.nullable().default(null),
});
export type Attempt = z.infer<typeof AttemptSchema>;

/** One task run N times side by side; the attempts are ordinary threads, this record ties them together. */
export const AttemptGroupSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  /** The shared first prompt (or the prompt typed with the brief) and brief, kept to restore an attempt alike. */
  prompt: z.string(),
  brief: BriefSchema.nullable(),
  baseBranch: z.string(),
  /** Optional command timed in each attempt's worktree (argv split, or through the verification shell). */
  benchmarkCommand: z.string().nullable().default(null),
  createdAt: z.string(),
  /** `open` until one attempt is picked. */
  status: z.enum(['open', 'resolved']),
  picked: z.number().int().nullable().default(null),
  attempts: z.array(AttemptSchema),
});
export type AttemptGroup = z.infer<typeof AttemptGroupSchema>;

export const scoreCriteria = ['correctness', 'simplicity', 'performance', 'maintainability', 'cost'] as const;
export type ScoreCriterion = (typeof scoreCriteria)[number];

/** Weights of the criteria, in percent; they need not add up to 100 (each score is renormalised). */
export const ScoreWeightsSchema = z.object({
  correctness: z.number().min(0).max(100),
  simplicity: z.number().min(0).max(100),
  performance: z.number().min(0).max(100),
  maintainability: z.number().min(0).max(100),
  cost: z.number().min(0).max(100),
});
export type ScoreWeights = z.infer<typeof ScoreWeightsSchema>;

/** The seed's weights (issue 15). */
export const defaultScoreWeights: ScoreWeights = {
  correctness: 30,
  simplicity: 25,
  performance: 20,
  maintainability: 15,
  cost: 10,
};

export const criterionLabels: Record<ScoreCriterion, string> = {
  correctness: 'Correctness',
  simplicity: 'Simplicity',
  performance: 'Performance',
  maintainability: 'Maintainability',
  cost: 'Operational cost',
};

/** One criterion's score for one attempt: 0–100, or null when its input is unknown (then skipped). */
export const CriterionScoreSchema = z.object({
  score: z.number().nullable(),
  /** The formula with this attempt's figures in it (the compare view's tooltip). */
  formula: z.string(),
});
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;

/** A verification command's latest result on the attempt's current commit. */
export const AttemptCheckSchema = z.object({
  command: z.string(),
  /** null: not run on this commit yet. */
  state: z.enum(['running', 'passed', 'failed', 'cancelled', 'error', 'interrupted']).nullable(),
  exitCode: z.number().int().nullable(),
});

/** One column of the compare view. */
export const AttemptColumnSchema = z.object({
  k: z.number().int(),
  state: AttemptStateSchema,
  threadId: z.string().nullable(),
  threadName: z.string().nullable(),
  branch: z.string(),
  ref: z.string().nullable(),
  profileId: z.string(),
  /** The thread's status; null once set aside. */
  status: z.string().nullable(),
  elapsedMs: z.number().nullable(),
  /** Files and lines changed since the branch left its base, committed and not (the review's summary). */
  files: z.number().int().nullable(),
  added: z.number().int().nullable(),
  removed: z.number().int().nullable(),
  outsideOwned: z.array(z.string()),
  forbidden: z.array(z.string()),
  hazards: z.array(z.string()),
  checks: z.array(AttemptCheckSchema),
  /** All checks passed on this commit (true), any failed (false), or not all run (null). */
  verified: z.boolean().nullable(),
  benchmark: BenchmarkResultSchema.nullable(),
  tokens: z.number().nullable(),
  costUsd: z.number().nullable(),
  scores: z.record(z.string(), CriterionScoreSchema),
  /** Weighted over the known criteria, 0–100; null when none is known. */
  total: z.number().nullable(),
  totalFormula: z.string(),
});
export type AttemptColumn = z.infer<typeof AttemptColumnSchema>;

export const AttemptComparisonSchema = z.object({
  group: AttemptGroupSchema,
  weights: ScoreWeightsSchema,
  columns: z.array(AttemptColumnSchema),
  /** What `"pick":"auto"` would take now (pickAttempt), by k; null when none qualifies. */
  autoPick: z.number().int().nullable(),
});
export type AttemptComparison = z.infer<typeof AttemptComparisonSchema>;

/** The branch of attempt `k` of a group named `name`. */
export function attemptBranchName(groupBranch: string, k: number): string {
  return `${groupBranch}/attempt-${k}`;
}

/** Where a set-aside attempt's work stays reachable. */
export function attemptRefName(groupId: string, k: number): string {
  return `refs/switchyard/attempts/${groupId}/${k}`;
}
