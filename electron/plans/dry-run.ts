import type { ResolvedPlan } from './resolve-plan';

/** What `switchyard plan run --dry-run --json` prints: what the run would create and start, in order. */
export interface DryRunReport {
  readonly dryRun: true;
  readonly target: string;
  readonly waves: readonly (readonly string[])[];
  readonly tasks: readonly {
    readonly name: string;
    readonly wave: number;
    readonly branch: string;
    readonly worktree: string;
    readonly dependsOn: readonly string[];
    readonly argv: readonly string[];
    /** Only for a task with attempts: what each attempt would create and start (the task's own branch is not made). */
    readonly attempts?: readonly DryRunAttempt[];
  }[];
  readonly preflight: readonly (readonly string[])[];
}

export interface DryRunAttempt {
  readonly attempt: number;
  readonly branch: string;
  readonly worktree: string;
  readonly argv: readonly string[];
}

/**
 * The dry run of a checked plan. It is made from the resolved plan alone — the same one a real
 * run starts from — so it shows exactly what would happen, and touches nothing: no ref, worktree,
 * folder, prompt file or state.
 */
export function dryRunReport(plan: ResolvedPlan): DryRunReport {
  return {
    dryRun: true,
    target: plan.target,
    waves: plan.waves,
    tasks: plan.tasks.map(({ name, wave, branch, worktree, dependsOn, argv, attempts }) => ({
      name,
      wave,
      branch,
      worktree,
      dependsOn,
      argv,
      ...(attempts.length > 0
        ? {
            attempts: attempts.map((a) => ({
              attempt: a.attempt ?? 0,
              branch: a.branch,
              worktree: a.worktree,
              argv: a.argv,
            })),
          }
        : {}),
    })),
    preflight: plan.preflight,
  };
}
