import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultScoreWeights } from '../../shared/attempts';
import { type PickedAttempt, pickAttempt } from '../attempts/pick-attempt';
import { scoreAttempts } from '../attempts/score-attempts';
import { pathExists } from '../fs/path-exists';
import { branchExists, branchTip, branchTipIfAny, createBranch, deleteBranch } from '../git/branch';
import { gitOutput } from '../git/core';
import { numstatChanges } from '../git/diff-files';
import { updateRef } from '../git/refs';
import { snapshotUncommitted } from '../git/snapshot';
import { addWorktreeForBranch, removeWorktree } from '../git/worktree';
import { landBranches } from '../merge-queue/land-branches';
import { landingHead } from '../merge-queue/publish-target';
import { pickNeeded } from './pick-needed';
import type { ResolvedPlan, ResolvedTask } from './resolve-plan';
import { runPlanCommand } from './run-command';
import {
  type PlanRunReport,
  type RunEventKind,
  RunLog,
  type RunSummary,
  type TaskRunStatus,
  attemptRefOf,
  backupRefOf,
  newRunId,
  runFolder,
} from './run-log';
import type { TaskAgentHandle, TaskExecutor } from './task-executor';

export interface PlanRunOptions {
  /** The repository's top folder. */
  readonly repo: string;
  /** A checked plan (check-plan.ts): nothing in it is checked again here. */
  readonly plan: ResolvedPlan;
  /** The app's data folder: the run's folder is <dataDir>/plans/<runId>/. */
  readonly dataDir: string;
  /** Starts each task's agent; made once the run's folder exists (the CLI's logs each agent's output there). */
  readonly executor: (log: RunLog) => TaskExecutor;
  /** Aborting stops the agents and commands that run, records `interrupted`, and ends the run. */
  readonly signal?: AbortSignal;
  /** Every event as it is logged (the CLI prints progress from these). */
  readonly onEvent?: (task: string | null, event: RunEventKind, detail: unknown) => void;
  /** Verification, preflight and postflight commands are stopped after this long; default: the plan's timeoutMinutes. */
  readonly commandTimeoutMs?: number;
  /** The run's id; a new one when absent (the app names the run before it starts). */
  readonly runId?: string;
  /**
   * Awaited after a task is verified and before it lands (the app waits for its review's
   * approval there): null to land it, or why not (the task then ends `failed` with that reason).
   */
  readonly beforeLanding?: (task: ResolvedTask) => Promise<string | null>;
  /**
   * Follows what a task's (or one attempt's) agent spends while it runs (issue 16). `over`: it is
   * over the task's budget — the agent is stopped and the task ends `over-budget`. Resolves to
   * what stops following it (after a last read of the agent's records).
   */
  readonly watchSpend?: (run: ResolvedTask, spend: SpendWatch) => Promise<() => Promise<void>>;
  /**
   * For an executor that makes its own worktrees (the app's threads): decides which attempt of a
   * task lands and sets the others aside itself, so the runner never removes them. Called with the
   * auto pick (pickAttempt's, or null) once every attempt has ended, whenever an attempt was made:
   * with `"manual"`, or when the auto pick found none, the app waits for the dispatcher's pick (the
   * run logs `pick-needed` first). Resolves to the index of the attempt picked, or null when none
   * is (the run was stopped); rejects with why none can be (the task then fails, every attempt kept).
   */
  readonly settleAttempts?: (
    task: ResolvedTask,
    runs: readonly ResolvedTask[],
    auto: number | null,
  ) => Promise<number | null>;
}

/** What the runner tells watchSpend, and what it is told back. */
export interface SpendWatch {
  readonly runId: string;
  /** When the agent was started: records from before are not its. */
  readonly since: Date;
  warning(detail: Record<string, unknown>): void;
  over(detail: Record<string, unknown>): void;
}

export interface PlanRunOutcome {
  readonly report: PlanRunReport;
  /** Every task landed and postflight passed. */
  readonly ok: boolean;
  readonly interrupted: boolean;
  /** The preflight command that failed, if one did (then nothing was created in the repository). */
  readonly preflightFailed: readonly string[] | null;
}

type AgentEnd =
  | { readonly kind: 'exit'; readonly exitCode: number | null }
  | { readonly kind: 'idle'; readonly reason: string | null }
  | { readonly kind: 'timeout'; readonly silentMs: number; readonly runMs: number }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'over-budget'; readonly detail: Record<string, unknown> }
  | { readonly kind: 'start-failed'; readonly message: string };

interface TaskState {
  readonly task: ResolvedTask;
  /** What lands: the task's branch, or its picked attempt's. */
  branch: string;
  started: boolean;
  status: TaskRunStatus | null;
  exitCode: number | null;
  /** For a task with attempts, once they have ended: each as picked. */
  attempts: PickedAttempt[] | null;
}

/** How one attempt of a task ended, for the pick. */
interface AttemptResult {
  readonly run: ResolvedTask;
  status: 'finished' | 'failed' | 'timeout' | 'over-budget' | 'not-run';
  /** Its branch and worktree were made (so its work exists and is set aside if not picked). */
  made: boolean;
  exitCode: number | null;
  verified: boolean | null;
  checksPassed: number;
  linesChanged: number;
  files: number | null;
  durationMs: number | null;
  /** Its branch's tip once its agent ended: a pick by hand is verified again if it moved since. */
  tip: string | null;
}

/**
 * The unattended loop of a plan (issue 14): preflight; a backup ref of the target; then tasks
 * wave by wave, at most maxParallel agents at once, each started only once its dependencies have
 * landed (its branch is made from the target's tip then, so it has them); each agent's end (exit,
 * or idle at its prompt), its brief's verification, and its landing into the target with the
 * plan's `verify` (the merge queue's engine: integration worktree, compare-and-swap, stop on a
 * conflict with the target untouched); postflight. Landings go one at a time, in the order tasks
 * become ready — a task never lands before what it depends on, which landed before it started.
 *
 * The engine knows nothing of ptys or threads: a TaskExecutor starts the agents.
 */
export async function runPlan(options: PlanRunOptions): Promise<PlanRunOutcome> {
  const { repo, plan, signal } = options;
  const runId = options.runId ?? newRunId();
  const log = await RunLog.create(runFolder(options.dataDir, runId));
  const emit = (task: string | null, event: RunEventKind, detail: unknown = null) => {
    options.onEvent?.(task, event, detail);
    return log.add(task, event, detail);
  };
  const states = plan.tasks.map((task): TaskState => ({
    task,
    branch: task.branch,
    started: false,
    status: null,
    exitCode: null,
    attempts: null,
  }));
  const byName = new Map(states.map((s) => [s.task.name, s]));
  const startedAt = new Date().toISOString();
  const commandEnv = { ...process.env, SWITCHYARD_PLAN_RUN: runId };
  const commandTimeoutMs = options.commandTimeoutMs ?? plan.timeoutMinutes * 60_000;
  const commandOptions = {
    env: commandEnv,
    ...(signal ? { signal } : {}),
    timeoutMs: commandTimeoutMs,
  };

  const report = (backupRef: string | null): PlanRunReport => ({
    runId,
    target: plan.target,
    backupRef,
    tasks: states.map((s) => ({
      name: s.task.name,
      branch: s.branch,
      status: s.status ?? 'not-run',
      exitCode: s.exitCode,
      ...(s.attempts ? { attempts: s.attempts } : {}),
    })),
    landed: landedOrder,
    log: log.file,
  });
  const landedOrder: string[] = [];

  // Preflight: in the repository, before anything is created there.
  for (const argv of plan.preflight) {
    const result = await runPlanCommand(argv, repo, commandOptions);
    if (!result.ok) {
      await emit(null, signal?.aborted ? 'interrupted' : 'preflight-failed', commandDetail(argv, result));
      await log.flushed();
      return { report: report(null), ok: false, interrupted: signal?.aborted === true, preflightFailed: argv };
    }
    await emit(null, 'preflight', commandDetail(argv, result));
  }

  // The target: made from the base when missing (as `switchyard land --base` does), then backed up.
  let targetCreated = false;
  if (!(await branchExists(repo, plan.target))) {
    await createBranch(repo, plan.target, await branchTip(repo, plan.base));
    targetCreated = true;
    await emit(null, 'target-created', { target: plan.target, from: plan.base });
  }
  const before = await branchTip(repo, plan.target);
  const backupRef = backupRefOf(runId);
  await updateRef(repo, backupRef, before, null, `switchyard plan ${runId}: ${plan.target} before the run`);
  await emit(null, 'backup', { ref: backupRef, commit: before });
  const summary = (after: string | null, interrupted: boolean): RunSummary => ({
    ...report(backupRef),
    backupRef,
    waves: plan.waves.map((wave) => [...wave]),
    tasks: report(backupRef).tasks.map((t) => ({ ...t, dependsOn: [...(byName.get(t.name)?.task.dependsOn ?? [])] })),
    landed: [...landedOrder],
    repo,
    before,
    after,
    targetCreated,
    startedAt,
    endedAt: after === null ? null : new Date().toISOString(),
    interrupted,
  });
  await log.writeSummary(summary(null, false));
  await mkdir(plan.worktreeRoot, { recursive: true });

  const executor = options.executor(log);
  let agentsRunning = 0;
  /** Attempts of tasks already started, waiting for an agent slot: served before new tasks. */
  const slotWaiters: (() => void)[] = [];
  const takeSlot = () =>
    new Promise<void>((resolve) => {
      if (agentsRunning < plan.maxParallel) {
        agentsRunning++;
        resolve();
      } else slotWaiters.push(resolve);
    });
  let landings: Promise<void> = Promise.resolve();
  let setups: Promise<void> = Promise.resolve();
  const active = new Set<Promise<void>>();
  let finishAll: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finishAll = resolve));

  const finish = async (state: TaskState, status: TaskRunStatus, event: RunEventKind | null, detail: unknown) => {
    state.status = status;
    if (event) await emit(state.task.name, event, detail);
  };

  /** A task whose dependency ended any way but landed will not run: skipped, and so on down the line. */
  const skipBlocked = async () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const state of states) {
        if (state.started || state.status) continue;
        const blocker = state.task.dependsOn.find((dep) => {
          const status = byName.get(dep)?.status;
          return status !== undefined && status !== null && status !== 'landed';
        });
        if (blocker) {
          changed = true;
          await finish(state, 'skipped', 'skipped', {
            dependency: blocker,
            status: byName.get(blocker)?.status,
          });
        }
      }
    }
  };

  const pump = async () => {
    if (!signal?.aborted) {
      await skipBlocked();
      for (const state of states) {
        if (agentsRunning >= plan.maxParallel) break;
        if (state.started || state.status) continue;
        if (!state.task.dependsOn.every((dep) => byName.get(dep)?.status === 'landed')) continue;
        state.started = true;
        agentsRunning++;
        const running = runTask(state).finally(() => {
          active.delete(running);
          void pump();
        });
        active.add(running);
      }
    }
    if (active.size === 0) finishAll();
  };

  const agentEnded = () => {
    const waiting = slotWaiters.shift();
    // The slot goes straight to an attempt waiting for one.
    if (waiting) return waiting();
    agentsRunning--;
    void pump();
  };

  /** Makes a run's branch and worktree at `at` (default: the target's tip now), one at a time: git takes locks (refs, the worktree list) that runs starting together would contend for. */
  const setUp = (run: ResolvedTask, at: string | null): Promise<string> => {
    const made = setups.then(async () => {
      const head = at ?? (await landingHead(repo, plan.target)).head;
      // The app's executor makes them with the task's thread, from this same commit.
      if (executor.makesWorktrees) return head;
      await createBranch(repo, run.branch, head);
      await mkdir(path.dirname(run.worktree), { recursive: true });
      await addWorktreeForBranch(repo, run.worktree, run.branch);
      return head;
    });
    setups = made.then(
      () => undefined,
      () => undefined,
    );
    return made;
  };

  /** Whatever goes wrong unforeseen (git failing under it), the task ends `failed` with why, and the run goes on. */
  const runTask = (state: TaskState): Promise<void> =>
    carryTask(state).catch(async (error: unknown) => {
      if (!state.status) await finish(state, 'failed', 'failed', { message: messageOf(error) });
    });

  const carryTask = async (state: TaskState): Promise<void> => {
    const { task } = state;
    if (task.attempts.length > 0) return carryAttempts(state);
    let from: string;
    try {
      from = await setUp(task, null);
    } catch (error) {
      agentEnded();
      await finish(state, 'failed', 'failed', { message: messageOf(error) });
      return;
    }
    await emit(task.name, 'started', { branch: task.branch, worktree: task.worktree, from, argv: task.argv });
    const end = await runAgent(task, from);
    agentEnded();

    switch (end.kind) {
      case 'start-failed':
        return finish(state, 'failed', 'failed', { message: end.message });
      case 'interrupted':
        return finish(state, 'not-run', 'interrupted', null);
      case 'timeout':
        return finish(state, 'timeout', 'timeout', {
          timeoutMinutes: plan.timeoutMinutes,
          silentMs: end.silentMs,
          runMs: end.runMs,
        });
      case 'over-budget':
        return finish(state, 'over-budget', 'over-budget', end.detail);
      case 'idle':
        await emit(task.name, 'finished', { exitCode: null, idle: end.reason ?? 'idle at its prompt' });
        break;
      case 'exit':
        state.exitCode = end.exitCode;
        await emit(task.name, 'finished', { exitCode: end.exitCode });
        if (end.exitCode !== 0) return finish(state, 'failed', 'failed', { exitCode: end.exitCode });
    }

    const commits = Number(
      (await gitOutput(repo, ['rev-list', '--count', `${from}..refs/heads/${task.branch}`])).trim(),
    );
    if (commits === 0) {
      return finish(state, 'failed', 'failed', {
        message: `the agent made no commit on ${task.branch}; its worktree ${task.worktree} is left as it is`,
      });
    }

    for (const argv of task.verification) {
      const result = await runPlanCommand(argv, task.worktree, commandOptions);
      if (signal?.aborted) return finish(state, 'not-run', 'interrupted', commandDetail(argv, result));
      if (!result.ok) return finish(state, 'verify-failed', 'verify-failed', commandDetail(argv, result));
    }
    await emit(task.name, 'verified', { commands: task.verification.length, commits });
    const refused = options.beforeLanding ? await options.beforeLanding(task) : null;
    if (signal?.aborted) return finish(state, 'not-run', 'interrupted', { before: 'landing' });
    if (refused !== null) return finish(state, 'failed', 'failed', { message: refused, while: 'landing' });

    const landing = landings.then(() => land(state));
    landings = landing.catch(() => undefined);
    await landing;
  };

  /**
   * A task with attempts (issue 15): every attempt from the same commit on its own branch and
   * worktree, each taking an agent slot; each verified with the brief's commands; then one picked
   * (pickAttempt: verified, then the smallest change, then the fastest) and landed as the task.
   * The others' work is kept under refs/switchyard/attempts/<runId>-<task>/<k> before their
   * worktrees and branches go. With none to pick, every attempt is kept as it is.
   */
  const carryAttempts = async (state: TaskState): Promise<void> => {
    const { task } = state;
    let from: string;
    try {
      from = (await landingHead(repo, plan.target)).head;
    } catch (error) {
      agentEnded();
      await finish(state, 'failed', 'failed', { message: messageOf(error) });
      return;
    }
    // The task's own slot is the first attempt's.
    const results = await Promise.all(
      task.attempts.map((run, i) => runAttempt(task, run, from, i === 0 ? Promise.resolve() : takeSlot())),
    );
    if (signal?.aborted) return finish(state, 'not-run', 'interrupted', null);

    // Scored against each other: the attempts that finished with a change (a failed one's empty change is not "smallest").
    const scored = results.filter((r) => r.status === 'finished' && r.linesChanged > 0);
    const totals = scoreAttempts(
      scored.map((r) => ({
        checksPassed: r.verified === null ? null : r.checksPassed,
        checksRun: r.verified === null ? null : task.verification.length,
        linesChanged: r.linesChanged,
        benchmark: null,
        files: r.files,
        outsideOwned: 0,
        forbidden: 0,
        hazards: 0,
        cost: null,
      })),
      defaultScoreWeights,
    );
    const scoreOf = (r: AttemptResult): number | null => {
      const total = totals[scored.indexOf(r)]?.total;
      return total === undefined || total === null ? null : Math.round(total);
    };
    const outcome = pickAttempt(
      results.map((r) => ({
        branch: r.run.branch,
        // Only a finished agent's work may be picked.
        status: r.status === 'finished' ? 'finished' : 'failed',
        verified: r.verified,
        linesChanged: r.linesChanged,
        durationMs: r.durationMs,
        score: scoreOf(r),
      })),
    );
    let chosen = outcome.picked;
    // A pick by hand: "manual", or an auto pick that found none (only an executor that settles waits for one).
    const byHand = task.pick === 'manual' || outcome.picked === null;
    const settles = options.settleAttempts !== undefined && results.some((r) => r.made);
    if (settles) {
      if (byHand) {
        await emit(
          task.name,
          'pick-needed',
          pickNeeded(
            task.pick,
            results.map((r) => ({ ...r, attempt: r.run.attempt })),
          ),
        );
      }
      const settled = await options.settleAttempts!(
        task,
        results.map((r) => r.run),
        outcome.picked,
      ).then(
        (index) => ({ index, refused: null }),
        (error: unknown) => ({ index: null, refused: messageOf(error) }),
      );
      chosen = settled.index;
      if (signal?.aborted) return finish(state, 'not-run', 'interrupted', { before: 'picking an attempt' });
      if (settled.refused !== null) {
        state.attempts = outcome.attempts.map((a, i) => ({ ...a, status: results[i]?.status ?? a.status }));
        return finish(state, 'failed', 'failed', {
          message: settled.refused,
          while: 'picking an attempt',
          attempts: state.attempts,
        });
      }
    }
    state.attempts = outcome.attempts.map((a, i) => ({
      ...a,
      status: results[i]?.status ?? a.status,
      picked: i === chosen,
    }));
    if (chosen === null) {
      const statuses = results.map((r) => r.status);
      const status: TaskRunStatus = results.some((r) => r.verified === false)
        ? 'verify-failed'
        : statuses.every((st) => st === 'timeout')
          ? 'timeout'
          : statuses.every((st) => st === 'over-budget')
            ? 'over-budget'
            : 'failed';
      return finish(state, status, status, {
        message: `no attempt of ${task.name} can be picked (none finished with a verified change); every attempt's branch and worktree are kept`,
        attempts: state.attempts,
      });
    }
    const picked = results[chosen]!;
    state.branch = picked.run.branch;
    state.exitCode = picked.exitCode;
    await emit(task.name, 'picked', {
      attempt: picked.run.attempt,
      branch: picked.run.branch,
      attempts: state.attempts,
    });
    // An executor that makes its own worktrees sets its attempts aside itself (settleAttempts).
    if (!executor.makesWorktrees) {
      for (const result of results) {
        if (result !== picked && result.made) await setAside(task, result.run);
      }
    }
    // Picked by hand, it is checked as any task's result is: its commits, then its verification (again, if its tip moved).
    if (settles && byHand) {
      const checked = await checkPicked(picked, from);
      if (checked) {
        const event = checked.status === 'not-run' ? 'interrupted' : checked.status;
        return finish(state, checked.status, event, checked.detail);
      }
    }
    const refused = options.beforeLanding ? await options.beforeLanding(picked.run) : null;
    if (signal?.aborted) return finish(state, 'not-run', 'interrupted', { before: 'landing' });
    if (refused !== null) return finish(state, 'failed', 'failed', { message: refused, while: 'landing' });
    const landing = landings.then(() => land(state));
    landings = landing.catch(() => undefined);
    await landing;
  };

  /** One attempt: its slot, its branch and worktree at `from`, its agent, its verification. */
  const runAttempt = async (
    task: ResolvedTask,
    run: ResolvedTask,
    from: string,
    slot: Promise<void>,
  ): Promise<AttemptResult> => {
    const k = run.attempt;
    const result: AttemptResult = {
      run,
      status: 'not-run',
      made: false,
      exitCode: null,
      verified: null,
      checksPassed: 0,
      linesChanged: 0,
      files: null,
      durationMs: null,
      tip: null,
    };
    await slot;
    if (signal?.aborted) {
      agentEnded();
      return result;
    }
    try {
      await setUp(run, from);
      result.made = true;
    } catch (error) {
      agentEnded();
      result.status = 'failed';
      await emit(task.name, 'attempt-failed', { attempt: k, message: messageOf(error) });
      return result;
    }
    await emit(task.name, 'started', {
      attempt: k,
      branch: run.branch,
      worktree: run.worktree,
      from,
      argv: run.argv,
    });
    const t0 = Date.now();
    const end = await runAgent(run, from);
    result.durationMs = Date.now() - t0;
    agentEnded();
    switch (end.kind) {
      case 'start-failed':
        result.status = 'failed';
        await emit(task.name, 'attempt-failed', { attempt: k, message: end.message });
        break;
      case 'interrupted':
        await emit(task.name, 'interrupted', { attempt: k });
        break;
      case 'timeout':
        result.status = 'timeout';
        await emit(task.name, 'attempt-failed', {
          attempt: k,
          status: 'timeout',
          timeoutMinutes: plan.timeoutMinutes,
          silentMs: end.silentMs,
          runMs: end.runMs,
        });
        break;
      case 'over-budget':
        result.status = 'over-budget';
        await emit(task.name, 'over-budget', { attempt: k, ...end.detail });
        break;
      case 'idle':
        result.status = 'finished';
        await emit(task.name, 'finished', { attempt: k, exitCode: null, idle: end.reason ?? 'idle at its prompt' });
        break;
      case 'exit':
        result.exitCode = end.exitCode;
        result.status = end.exitCode === 0 ? 'finished' : 'failed';
        await emit(task.name, 'finished', { attempt: k, exitCode: end.exitCode });
    }
    const tip = await branchTipIfAny(repo, run.branch);
    result.tip = tip;
    if (tip && tip !== from) {
      const changes = await numstatChanges(repo, [from, tip], { renames: false });
      result.linesChanged = changes.reduce((sum, c) => sum + c.added + c.removed, 0);
      result.files = changes.length;
    } else if (result.status === 'finished') {
      result.status = 'failed';
      await emit(task.name, 'attempt-failed', { attempt: k, message: `the agent made no commit on ${run.branch}` });
    }
    if (result.status !== 'finished' || signal?.aborted) return result;
    for (const argv of run.verification) {
      const checked = await runPlanCommand(argv, run.worktree, commandOptions);
      if (signal?.aborted) return result;
      if (!checked.ok) {
        result.verified = false;
        await emit(task.name, 'attempt-failed', {
          attempt: k,
          status: 'verify-failed',
          ...commandDetail(argv, checked),
        });
        return result;
      }
      result.checksPassed++;
    }
    if (run.verification.length > 0) result.verified = true;
    await emit(task.name, 'attempt-verified', {
      attempt: k,
      commands: run.verification.length,
      linesChanged: result.linesChanged,
    });
    return result;
  };

  /** A pick by hand: its commits since `from`, then its verification unless it passed at this same tip. Null when it may land. */
  const checkPicked = async (
    picked: AttemptResult,
    from: string,
  ): Promise<{ status: 'failed' | 'verify-failed' | 'not-run'; detail: Record<string, unknown> } | null> => {
    const { run } = picked;
    const attempt = run.attempt;
    const tip = await branchTipIfAny(repo, run.branch);
    const commits = tip ? Number((await gitOutput(repo, ['rev-list', '--count', `${from}..${tip}`])).trim()) : 0;
    if (commits === 0) {
      return {
        status: 'failed',
        detail: {
          attempt,
          message: `attempt ${attempt} was picked but has no commit on ${run.branch}; it is kept as it is`,
        },
      };
    }
    const again = !(picked.verified === true && tip === picked.tip);
    if (again) {
      for (const argv of run.verification) {
        const result = await runPlanCommand(argv, run.worktree, commandOptions);
        if (signal?.aborted) return { status: 'not-run', detail: { attempt, ...commandDetail(argv, result) } };
        if (!result.ok) return { status: 'verify-failed', detail: { attempt, ...commandDetail(argv, result) } };
      }
    }
    await emit(run.name, 'verified', { attempt, commands: run.verification.length, commits, again });
    return null;
  };

  /** An attempt not picked: its work (uncommitted files too) under its ref first, then its worktree and branch removed. */
  const setAside = async (task: ResolvedTask, run: ResolvedTask): Promise<void> => {
    const ref = attemptRefOf(runId, task.name, run.attempt ?? 0);
    try {
      let commit: string | null = null;
      if (await pathExists(run.worktree)) {
        commit = await snapshotUncommitted(
          run.worktree,
          `Switchyard: uncommitted work of ${run.branch}, kept when another attempt was picked`,
        );
      }
      commit ??= await branchTip(repo, run.branch);
      await updateRef(repo, ref, commit, null, `switchyard plan ${runId}: ${run.branch} set aside`);
      if (await pathExists(run.worktree)) await removeWorktree(repo, run.worktree, true);
      await deleteBranch(repo, run.branch, true);
      await emit(task.name, 'attempt-set-aside', { attempt: run.attempt, branch: run.branch, ref, commit });
    } catch (error) {
      // Its branch or worktree may be left; nothing is removed before the ref holds the work.
      await emit(task.name, 'attempt-set-aside', { attempt: run.attempt, branch: run.branch, error: messageOf(error) });
    }
  };

  const runAgent = (task: ResolvedTask, from: string): Promise<AgentEnd> =>
    new Promise<AgentEnd>((resolve) => {
      const timeoutMs = plan.timeoutMinutes * 60_000;
      let startedAt = Date.now();
      let lastActivity = startedAt;
      /** Since when the agent waits on someone else (a slot, a plan's review): not counted against its timeout. */
      let heldSince: number | null = null;
      let handle: TaskAgentHandle | null = null;
      let settled = false;
      let timer: NodeJS.Timeout | null = null;
      let spendWatch: Promise<(() => Promise<void>) | null> = Promise.resolve(null);
      const since = new Date();
      const settle = (end: AgentEnd, stop: boolean) => {
        if (settled) return;
        settled = true;
        if (timer) clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
        const stopped = stop && handle ? handle.stop() : Promise.resolve();
        // The agent's last records are read (and booked) before the run goes on.
        void stopped
          .then(() => spendWatch)
          .then((unwatch) => unwatch?.())
          .catch(() => undefined)
          .then(() => resolve(end));
      };
      const onAbort = () => settle({ kind: 'interrupted' }, true);
      executor
        .start(
          task,
          task.worktree,
          {
            activity: () => {
              lastActivity = Date.now();
            },
            idle: (reason) => settle({ kind: 'idle', reason }, true),
            needsInput: (reason) => {
              if (!settled) void emit(task.name, 'needs-input', { reason });
            },
            finished: (exitCode) => settle({ kind: 'exit', exitCode }, false),
            hold: (held) => {
              const now = Date.now();
              if (held && heldSince === null) heldSince = now;
              if (!held && heldSince !== null) {
                startedAt += now - heldSince;
                lastActivity = now;
                heldSince = null;
              }
            },
          },
          from,
        )
        .then(
          (started) => {
            handle = started;
            if (settled) {
              void started.stop();
              return;
            }
            signal?.addEventListener('abort', onAbort, { once: true });
            if (signal?.aborted) onAbort();
            const attempt = task.attempt === null ? {} : { attempt: task.attempt };
            if (options.watchSpend) {
              spendWatch = options
                .watchSpend(task, {
                  runId,
                  since,
                  warning: (detail) => {
                    if (!settled) void emit(task.name, 'budget-warning', { ...attempt, ...detail });
                  },
                  over: (detail) => settle({ kind: 'over-budget', detail }, true),
                })
                .catch(() => null);
            }
            timer = setInterval(
              () => {
                const now = Date.now();
                if (heldSince !== null) return;
                if (now - lastActivity >= timeoutMs || now - startedAt >= timeoutMs) {
                  settle({ kind: 'timeout', silentMs: now - lastActivity, runMs: now - startedAt }, true);
                }
              },
              Math.min(1000, Math.max(50, timeoutMs / 10)),
            );
          },
          (error: unknown) => settle({ kind: 'start-failed', message: messageOf(error) }, false),
        );
    });

  const land = async (state: TaskState): Promise<void> => {
    const { task } = state;
    if (signal?.aborted) return finish(state, 'not-run', 'interrupted', { before: 'landing' });
    try {
      const outcome = await landBranches({
        repo,
        target: plan.target,
        entries: [{ branch: state.branch, label: task.name }],
        mode: 'merge',
        verify: plan.verify,
        worktreeRoot: plan.worktreeRoot,
        // A task's changelog fragment lands as a file; gathering it is the merge queue's choice, not the run's.
        changelog: null,
        verifyTimeoutMs: commandTimeoutMs,
      });
      const stopped = outcome.stopped;
      if (stopped) {
        return finish(state, stopped.reason, stopped.reason, {
          files: stopped.files,
          exitCode: stopped.exitCode,
          output: stopped.output.slice(-4000),
        });
      }
      landedOrder.push(task.name);
      await finish(state, 'landed', 'landed', {
        commit: outcome.commits[state.branch] ?? outcome.after,
        ...(outcome.checkoutNotice ? { notice: outcome.checkoutNotice } : {}),
      });
    } catch (error) {
      await finish(state, 'failed', 'failed', { message: messageOf(error), while: 'landing' });
    }
  };

  await pump();
  await allDone;
  const interrupted = signal?.aborted === true;
  if (interrupted) await emit(null, 'interrupted', { message: 'stopped by Ctrl+C: branches and worktrees are kept' });

  let postflightOk = true;
  if (!interrupted) {
    for (const argv of plan.postflight) {
      const result = await runPlanCommand(argv, repo, commandOptions);
      await emit(null, result.ok ? 'postflight' : 'postflight-failed', commandDetail(argv, result));
      if (!result.ok) {
        postflightOk = false;
        break;
      }
    }
  }
  // Where the run left the target: its tip, or the landings kept aside while its checkout was dirty.
  const after = (await landingHead(repo, plan.target)).head;
  const final = report(backupRef);
  await emit(null, 'done', { landed: final.landed, after });
  await log.flushed();
  await log.writeSummary(summary(after, interrupted));
  const ok = postflightOk && !interrupted && final.tasks.every((t) => t.status === 'landed');
  return { report: final, ok, interrupted, preflightFailed: null };
}

function commandDetail(
  argv: readonly string[],
  result: { exitCode: number | null; error: string | null; output: string },
) {
  return { command: argv, exitCode: result.exitCode, error: result.error, output: result.output };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
