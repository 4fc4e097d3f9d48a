import { branchNameProblem } from '../../shared/branch-name';
import type { Plan, PlanCheckResult, PlanError, PlanWarning } from '../../shared/plan';
import { defaultHazardPatterns } from '../../shared/review-settings';
import { findExecutable } from '../agents/find-executable';
import { pathExists } from '../fs/path-exists';
import { branchExists, isValidBranchName } from '../git/branch';
import { gitOutput } from '../git/core';
import { readOnly } from '../git/read-only';
import { hasCommits } from '../git/repo';
import { assertWorktreeRootOutsideGit } from '../projects/worktree-root';
import { loadPlan } from './load-plan';
import { planHazards } from './plan-hazards';
import { planOverlaps } from './plan-overlaps';
import { planWaves } from './plan-waves';
import { type PlanContext, type ResolvedPlan, type ResolvedTask, planWorktreeRoot, resolvePlan } from './resolve-plan';

export interface CheckPlanOptions extends PlanContext {
  /** The project's hazard list; the review's defaults when absent. */
  readonly hazardPatterns?: readonly string[];
  /** Where agent programs are looked up; process.env.PATH when absent. */
  readonly envPath?: string;
  /**
   * `"pick": "manual"` is an error: the CLI's unattended run has nobody to pick an attempt (the
   * app shows the attempts side by side instead).
   */
  readonly refuseManualPick?: boolean;
}

export interface PlanCheck {
  readonly result: PlanCheckResult;
  /** Set only when the check found no errors: what `plan run` would do. */
  readonly resolved: ResolvedPlan | null;
}

/** Loads a plan file and checks it against the repository (see checkPlan). */
export async function checkPlanFile(file: string, options: CheckPlanOptions): Promise<PlanCheck> {
  const loaded = await loadPlan(file);
  if (!loaded.plan) return { result: { ok: false, errors: loaded.errors, warnings: [], waves: [] }, resolved: null };
  return checkPlan(loaded.plan, options);
}

/**
 * Everything that would stop `plan run`, found before it starts — the plan's own consistency
 * (resolve-plan.ts), then the repository: the base exists, no task's branch or folder does, each
 * agent's program is installed. Warnings say which tasks would collide (overlapping owned paths,
 * shared or unowned hazard files). Only reads: no ref, file or folder is written.
 */
export async function checkPlan(plan: Plan, options: CheckPlanOptions): Promise<PlanCheck> {
  const repo = options.repo;
  const resolution = resolvePlan(plan, options);
  const errors: PlanError[] = [...resolution.errors];
  const warnings: PlanWarning[] = [];

  const baseExists = await checkBranches(plan, repo, errors, warnings);
  // Errors in the order the plan wrote its tasks.
  const inPlanOrder = [...resolution.tasks].sort((a, b) => a.index - b.index);
  // A task with attempts runs only its attempts: their agents must be installed, and their branches and folders free.
  errors.push(
    ...(await checkPlaces(
      plan,
      inPlanOrder.flatMap((task) => [task, ...task.attempts]),
      options,
    )),
  );
  const agents = inPlanOrder.flatMap((task) => (task.attempts.length > 0 ? task.attempts : [task]));
  errors.push(...(await checkPrograms(agents, options.envPath)));
  if (options.refuseManualPick) {
    plan.tasks.forEach((task, index) => {
      if (task.pick !== 'manual') return;
      errors.push({
        path: `tasks[${index}].pick`,
        message:
          'pick: manual needs the app, where the attempts are compared side by side; an unattended `switchyard plan run` picks only "auto" (verified first, then the smallest change, then the fastest). Use "pick": "auto", or run the plan from the app’s Plans view.',
      });
    });
  }

  const owning = plan.tasks.map((task) => ({
    name: task.name,
    dependsOn: task.dependsOn,
    ownedPaths: task.brief.ownedPaths,
    brief: task.brief,
  }));
  warnings.push(...planOverlaps(owning));
  // Tasks branch from the target once it exists (their dependencies land there), else from the base.
  const startsFrom = baseExists && (await branchExists(repo, plan.target)) ? plan.target : plan.base;
  const files = baseExists ? await filesOn(repo, startsFrom) : [];
  warnings.push(...planHazards(owning, options.hazardPatterns ?? defaultHazardPatterns, files));

  const ok = errors.length === 0;
  return {
    result: { ok, errors, warnings, waves: planWaves(plan.tasks).waves },
    resolved: ok ? resolution.resolved : null,
  };
}

/** The base must exist; the target may not yet (the run makes it from the base, as `switchyard land --base` does). */
async function checkBranches(plan: Plan, repo: string, errors: PlanError[], warnings: PlanWarning[]): Promise<boolean> {
  if (!(await hasCommits(repo))) {
    errors.push({ path: '', message: `The repository at ${repo} has no commits yet; make a first commit first.` });
    return false;
  }
  const baseExists = (await isValidBranchName(repo, plan.base)) && (await branchExists(repo, plan.base));
  if (!baseExists) {
    errors.push({
      path: 'base',
      message: `The base branch "${plan.base}" does not exist in ${repo}; name an existing branch (git branch --list shows them).`,
    });
  }
  if (plan.target !== plan.base) {
    if (!(await isValidBranchName(repo, plan.target))) {
      errors.push({
        path: 'target',
        message:
          branchNameProblem(plan.target, 'target branch') ??
          `"${plan.target}" is not a valid branch name for the target.`,
      });
    } else if (baseExists && !(await branchExists(repo, plan.target))) {
      warnings.push({
        kind: 'new-target',
        tasks: [],
        paths: [],
        message: `The target branch "${plan.target}" does not exist yet; the run will make it from ${plan.base}.`,
      });
    }
  }
  return baseExists;
}

/** No task's branch or worktree folder may exist already, and the worktrees must not go inside .git. */
async function checkPlaces(plan: Plan, tasks: readonly ResolvedTask[], context: PlanContext): Promise<PlanError[]> {
  const repo = context.repo;
  const errors: PlanError[] = [];
  try {
    await assertWorktreeRootOutsideGit(repo, planWorktreeRoot(plan, context));
  } catch (error) {
    errors.push({ path: 'worktreeRoot', message: (error as Error).message });
  }
  for (const task of tasks) {
    if (await branchExists(repo, task.branch)) {
      errors.push({
        path: `tasks[${task.index}].name`,
        message: `The branch ${task.branch} already exists (from an earlier run or thread?). Rename the task, or delete the branch if its work is done: git branch -D ${task.branch}`,
      });
    }
    if (await pathExists(task.worktree)) {
      errors.push({
        path: `tasks[${task.index}].name`,
        message: `The folder ${task.worktree} already exists. Rename the task, or remove the folder (git worktree remove, if it is a worktree).`,
      });
    }
  }
  return errors;
}

/** Each agent's program must be installed: a run would otherwise stop at that task's wave. */
async function checkPrograms(tasks: readonly ResolvedTask[], envPath: string | undefined): Promise<PlanError[]> {
  const errors: PlanError[] = [];
  const seen = new Set<string>();
  for (const task of tasks) {
    const { profile, launch } = task;
    const at = task.agentPath;
    const key = `${at}\n${launch.binary}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (await findExecutable(launch.binary, envPath ?? process.env.PATH ?? '')) continue;
    const hint = profile.installHint ? ` Install it with: ${profile.installHint}` : '';
    errors.push({
      path: profile.takesCommand ? `${at}.command` : `${at}.profile`,
      message: `The ${profile.label} agent needs "${launch.binary}", which is not installed or not on PATH.${hint}`,
    });
  }
  return errors;
}

/** The repository's files on `branch`, for hazard checks (read from git's objects, not the checkout). */
async function filesOn(repo: string, branch: string): Promise<string[]> {
  const out = await gitOutput(repo, ['ls-tree', '-r', '-z', '--name-only', `refs/heads/${branch}`], readOnly);
  return out.split('\0').filter(Boolean);
}
