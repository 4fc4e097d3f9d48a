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
  }[];
  readonly preflight: readonly (readonly string[])[];
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
    tasks: plan.tasks.map(({ name, wave, branch, worktree, dependsOn, argv }) => ({
      name,
      wave,
      branch,
      worktree,
      dependsOn,
      argv,
    })),
    preflight: plan.preflight,
  };
}
