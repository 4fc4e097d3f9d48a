import path from 'node:path';
import type { Brief } from '../../shared/brief';
import type { Budget } from '../../shared/budget';
import { suggestBranchName, worktreeFolderName } from '../../shared/branch-name';
import { AppError } from '../../shared/errors';
import { type Plan, type PlanAgent, type PlanCommand, type PlanError, taskAgent } from '../../shared/plan';
import { fillArgv } from '../agents/argv-template';
import { type PlannedLaunch, planLaunch } from '../agents/launch-argv';
import type { AgentProfile } from '../agents/profile';
import { changelogPathFor } from '../briefs/changelog-path';
import { renderBriefPrompt } from '../briefs/render-brief-prompt';
import { defaultWorktreeRoot } from '../projects/project-service';
import { verificationArgv } from '../review/command-argv';
import { planWaves } from './plan-waves';

/** What resolving needs besides the plan; no file system, no git, no processes. */
export interface PlanContext {
  /** The repository's top folder (absolute): worktreeRoot is relative to it. */
  readonly repo: string;
  /** Every profile a task may name (built-in and custom). */
  readonly profiles: readonly AgentProfile[];
  /** The project's prompt template; null: the built-in one. */
  readonly promptTemplate?: string | null;
  /** Where worktrees go when the plan does not say: the project's folder; absent: <repo>.worktrees. */
  readonly defaultWorktreeRoot?: string | null;
}

/** One task, everything decided: what `plan run` creates and starts, and what a dry run shows. */
export interface ResolvedTask {
  readonly name: string;
  /** Its position in plan.tasks, for error paths. */
  readonly index: number;
  readonly wave: number;
  /** switchyard/<name>, as a thread of that name would be called. */
  readonly branch: string;
  /** <worktreeRoot>/switchyard-<name>, as a thread's folder would be. */
  readonly worktree: string;
  readonly dependsOn: readonly string[];
  readonly brief: Brief;
  readonly changelogPath: string;
  readonly agent: PlanAgent;
  /** Where the task's agent settings are in the plan, for error paths: `agent` or `tasks[i].agent`. */
  readonly agentPath: string;
  readonly profile: AgentProfile;
  readonly launch: PlannedLaunch;
  /** The agent's first prompt, rendered from the brief. */
  readonly prompt: string;
  /**
   * The program, then its arguments with {prompt}, {cwd} and {scenario} filled. {promptFile} is
   * left as written: the run writes that file (agents/prompt-file.ts) and fills it with fillArgv.
   */
  readonly argv: readonly string[];
  /** The brief's verification commands as argv, run in the worktree once the agent is done. */
  readonly verification: readonly (readonly string[])[];
  /** Which attempt this is (1, 2, …) when it is one of a task's attempts; null for a task itself. */
  readonly attempt: number | null;
  /**
   * Issue 15: the task's attempts, each run like a task of its own — its branch
   * switchyard/<name>/attempt-<k>, its worktree, its agent — of which one is picked and lands.
   * Empty when the task runs once.
   */
  readonly attempts: readonly ResolvedTask[];
  /** How the attempt that lands is chosen; the CLI picks only "auto". */
  readonly pick: 'auto' | 'manual';
  /** The task's spending cap (issue 16); null: none. */
  readonly budget: Budget | null;
}

export interface ResolvedPlan {
  readonly base: string;
  readonly target: string;
  /** Absolute. */
  readonly worktreeRoot: string;
  readonly maxParallel: number;
  readonly timeoutMinutes: number;
  readonly autoLand: boolean;
  /** Task names by wave (plan-waves.ts). */
  readonly waves: readonly (readonly string[])[];
  /** In wave order, each wave as written. */
  readonly tasks: readonly ResolvedTask[];
  readonly preflight: readonly (readonly string[])[];
  readonly verify: readonly string[] | null;
  readonly postflight: readonly (readonly string[])[];
}

export type PlanResolution =
  | { readonly resolved: ResolvedPlan; readonly tasks: readonly ResolvedTask[]; readonly errors: [] }
  /** `tasks`: those that did resolve, for checks that can still be made on them. */
  | { readonly resolved: null; readonly tasks: readonly ResolvedTask[]; readonly errors: PlanError[] };

/** Said when a string command uses shell syntax: how a plan opts into a shell. */
const planShellHint =
  'a plan runs its commands without a shell. Write the command as an argv array, or name a shell in the plan ("shell": "/bin/sh") to run string commands through it.';

/**
 * Decides every task's branch, worktree, waves and exact argv, and every command's argv, from
 * the plan alone (pure: check-plan adds what needs git and the file system). Any problem comes
 * back as an error at its path in the plan; then nothing is resolved.
 */
export function resolvePlan(plan: Plan, context: PlanContext): PlanResolution {
  const errors: PlanError[] = [];
  const addError = (error: PlanError) => {
    if (!errors.some((e) => e.path === error.path && e.message === error.message)) errors.push(error);
  };
  const command = (value: PlanCommand, at: string): string[] | null => {
    try {
      return commandArgv(value, plan.shell ?? null);
    } catch (error) {
      addError({ path: at, message: messageOf(error) });
      return null;
    }
  };

  const names = new Set(plan.tasks.map((task) => task.name));
  plan.tasks.forEach((task, index) => {
    for (const dep of task.dependsOn) {
      if (!names.has(dep)) {
        addError({
          path: `tasks[${index}].dependsOn`,
          message: `${task.name} depends on "${dep}", which is not a task in this plan (tasks: ${[...names].join(', ')}).`,
        });
      }
    }
  });
  const order = planWaves(plan.tasks);
  for (const cycle of order.cycles) {
    const index = plan.tasks.findIndex((task) => task.name === cycle[0]);
    addError({
      path: `tasks[${index}].dependsOn`,
      message: `Tasks depend on each other in a cycle: ${cycle.join(' → ')}. Remove one of these dependencies.`,
    });
  }

  const preflight = plan.preflight.map((c, i) => command(c, `preflight[${i}]`));
  const verify = plan.verify === undefined ? null : command(plan.verify, 'verify');
  const postflight = plan.postflight.map((c, i) => command(c, `postflight[${i}]`));

  const worktreeRoot = planWorktreeRoot(plan, context);
  const waveOf = new Map(order.waves.flatMap((wave, n) => wave.map((name) => [name, n] as const)));
  const branchOf = (name: string) => suggestBranchName(name);
  const tasks: ResolvedTask[] = [];
  /** One run of a task's brief on `branch` by `agent`: the task itself, or one of its attempts. */
  const resolveRun = (
    task: Plan['tasks'][number],
    index: number,
    agent: PlanAgent,
    agentPath: string,
    branch: string,
    attempt: number | null,
  ): ResolvedTask | null => {
    const profile = context.profiles.find((p) => p.id === agent.profile);
    if (!profile) {
      const known = context.profiles.map((p) => p.id).join(', ');
      addError({
        path: `${agentPath}.profile`,
        message: `There is no agent profile "${agent.profile}"; choose one of: ${known}.`,
      });
      return null;
    }
    const worktree = path.join(worktreeRoot, worktreeFolderName(branch));
    const changelogPath = changelogPathFor(task.brief, task.name);
    const verification = task.brief.verificationCommands.map((c, i) =>
      command(c, `tasks[${index}].brief.verificationCommands[${i}]`),
    );
    const agentCommand = agent.command === undefined ? undefined : command(agent.command, `${agentPath}.command`);
    if (agent.command !== undefined && agentCommand === null) return null;
    let prompt: string;
    let launch: PlannedLaunch;
    try {
      prompt = renderBriefPrompt(context.promptTemplate ?? null, {
        threadName: task.name,
        branch,
        // Each task starts from the target once its dependencies have landed there.
        baseBranch: plan.target,
        prompt: '',
        brief: task.brief,
        changelogPath,
        dependencies: task.dependsOn.map((dep) => ({ id: dep, name: dep, branch: branchOf(dep) })),
      });
      launch = planLaunch(profile, {
        prompt,
        mode: agent.mode,
        approvalMode: agent.approval,
        command: agentCommand ?? undefined,
      });
    } catch (error) {
      addError({ path: agentPath, message: messageOf(error) });
      return null;
    }
    const argv = [
      launch.binary,
      ...fillArgv(launch.template, { prompt: launch.prompt, cwd: worktree, scenario: agent.scenario ?? 'feature' }),
    ];
    return {
      name: task.name,
      index,
      wave: waveOf.get(task.name) ?? -1,
      branch,
      worktree,
      dependsOn: task.dependsOn,
      brief: task.brief,
      changelogPath,
      agent,
      agentPath,
      profile,
      launch,
      prompt,
      argv,
      verification: verification.filter((c): c is string[] => c !== null),
      attempt,
      attempts: [],
      pick: task.pick ?? 'auto',
      budget: task.budget ?? null,
    };
  };

  plan.tasks.forEach((task, index) => {
    const agent = taskAgent(plan, task);
    // With a list of attempts, the first one's agent stands for the task (the plan's is not run).
    const listed = Array.isArray(task.attempts) ? task.attempts[0] : undefined;
    const resolved = resolveRun(
      task,
      index,
      listed ?? agent,
      listed ? `tasks[${index}].attempts[0]` : task.agent ? `tasks[${index}].agent` : 'agent',
      branchOf(task.name),
      null,
    );
    if (!resolved) return;
    // `"attempts": 3` runs the task's agent three times; a list names each attempt's agent.
    const attemptAgents =
      task.attempts === undefined
        ? []
        : typeof task.attempts === 'number'
          ? Array.from({ length: task.attempts }, () => ({ agent, at: resolved.agentPath }))
          : task.attempts.map((a, k) => ({ agent: a, at: `tasks[${index}].attempts[${k}]` }));
    const attempts = attemptAgents.map(({ agent: a, at }, k) =>
      resolveRun(task, index, a, at, attemptBranch(resolved.branch, k + 1), k + 1),
    );
    // An attempt that did not resolve is an error already; the others are still checked (installed, free).
    tasks.push({ ...resolved, attempts: attempts.filter((a): a is ResolvedTask => a !== null) });
  });

  const byWave = [...tasks].sort((a, b) => a.wave - b.wave || a.index - b.index);
  if (errors.length > 0) return { resolved: null, tasks: byWave, errors };
  return {
    resolved: {
      base: plan.base,
      target: plan.target,
      worktreeRoot,
      maxParallel: plan.maxParallel,
      timeoutMinutes: plan.timeoutMinutes,
      autoLand: plan.autoLand,
      waves: order.waves,
      tasks: byWave,
      preflight: preflight as string[][],
      verify,
      postflight: postflight as string[][],
    },
    tasks: byWave,
    errors: [],
  };
}

/** Attempt k's branch (from 1): switchyard/<name>/attempt-<k>, as a thread's attempts are named. */
export function attemptBranch(taskBranch: string, k: number): string {
  return `${taskBranch}/attempt-${k}`;
}

/** Where the tasks' worktrees go: the plan's folder (relative to the repository), else the project's, else <repo>.worktrees. */
export function planWorktreeRoot(
  plan: Pick<Plan, 'worktreeRoot'>,
  context: Pick<PlanContext, 'repo' | 'defaultWorktreeRoot'>,
): string {
  return path.resolve(
    context.repo,
    plan.worktreeRoot ?? context.defaultWorktreeRoot ?? defaultWorktreeRoot(context.repo),
  );
}

/** A plan command as argv: an array as written, a string split (or handed to the plan's shell). */
export function commandArgv(command: PlanCommand, shell: string | null): string[] {
  if (Array.isArray(command)) return [...command];
  return verificationArgv(command, shell, planShellHint).argv;
}

function messageOf(error: unknown): string {
  return error instanceof AppError || error instanceof Error ? error.message : String(error);
}
