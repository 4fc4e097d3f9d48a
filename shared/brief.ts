import { z } from 'zod';

export const integrationRisks = ['low', 'medium', 'high'] as const;
export const IntegrationRiskSchema = z.enum(integrationRisks);

const pathGlobs = z.array(z.string().trim().min(1).max(500)).max(200).default([]);

/**
 * A worker brief: the contract a thread works to, kept structured so review and merge can check
 * a branch against it (owned paths, forbidden paths, checks), not only shown as prose.
 */
export const BriefSchema = z.object({
  /** One line: what the worker is to do. */
  task: z.string().max(2000).default(''),
  /** What done looks like, in the dispatcher's words. */
  goal: z.string().max(20_000).default(''),
  /** Globs of the paths this worker owns and may change. */
  ownedPaths: pathGlobs,
  /** Globs it may read for context but should not change. */
  readablePaths: pathGlobs,
  /** Globs it must not edit. */
  forbiddenPaths: pathGlobs,
  acceptanceCriteria: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
  /** Commands that verify the work, run in the worktree. */
  verificationCommands: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
  /** Where the worker writes its changelog fragment; empty means `.changes/<thread>.md`. */
  changelogPath: z.string().max(500).default(''),
  integrationRisk: IntegrationRiskSchema.default('low'),
  /** Ids of threads whose work this one builds on. */
  dependsOn: z.array(z.string().min(1)).max(50).default([]),
});
export type Brief = z.infer<typeof BriefSchema>;
export type BriefInput = z.input<typeof BriefSchema>;

export const BriefTemplateSchema = z.object({
  id: z.string(),
  name: z.string().trim().min(1).max(120),
  brief: BriefSchema,
  createdAt: z.string(),
});
export type BriefTemplate = z.infer<typeof BriefTemplateSchema>;
