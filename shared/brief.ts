import { z } from 'zod';
import { suggestBranchName } from './branch-name';

export const integrationRisks = ['low', 'medium', 'high'] as const;
export const IntegrationRiskSchema = z.enum(integrationRisks);
export type IntegrationRisk = z.infer<typeof IntegrationRiskSchema>;

const pathGlobs = z.array(z.string().trim().min(1).max(500)).max(200).default([]);

/** True for a path the worker can write inside its worktree: relative, never stepping out with `..`. */
export function isPathInsideWorktree(relativePath: string): boolean {
  if (/^(?:[\\/]|[a-zA-Z]:)/.test(relativePath)) return false;
  return !relativePath.split(/[\\/]/).includes('..');
}

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
  changelogPath: z
    .string()
    .trim()
    .max(500)
    .refine((p) => p === '' || isPathInsideWorktree(p), {
      message: 'must be a relative path inside the worktree, such as .changes/my-thread.md',
    })
    .default(''),
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

/** Where a thread's changelog fragment goes when its brief names no path: `.changes/<thread>.md`. */
export function defaultChangelogPath(threadName: string): string {
  return `.changes/${suggestBranchName(threadName, '')}.md`;
}
