import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { branchExists, branchTip, createBranch } from '../git/branch';
import { gitOutput } from '../git/core';
import { updateRef } from '../git/refs';
import { addWorktreeForBranch } from '../git/worktree';
import { landBranches } from '../merge-queue/land-branches';
import { landingHead } from '../merge-queue/publish-target';
import type { ResolvedPlan, ResolvedTask } from './resolve-plan';
import { runPlanCommand } from './run-command';
import {
  type PlanRunReport,
  type RunEventKind,
  RunLog,
  type RunSummary,
  type TaskRunStatus,
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
  | { readonly kind: 'start-failed'; readonly message: string };

interface TaskState {
  readonly task: ResolvedTask;
  started: boolean;
  status: TaskRunStatus | null;
  exitCode: number | null;
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
  const states = plan.tasks.map((task): TaskState => ({ task, started: false, status: null, exitCode: null }));
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
      branch: s.task.branch,
      status: s.status ?? 'not-run',
      exitCode: s.exitCode,
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
    tasks: [...report(backupRef).tasks],
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
    agentsRunning--;
    void pump();
  };

  /** Whatever goes wrong unforeseen (git failing under it), the task ends `failed` with why, and the run goes on. */
  const runTask = (state: TaskState): Promise<void> =>
    carryTask(state).catch(async (error: unknown) => {
      if (!state.status) await finish(state, 'failed', 'failed', { message: messageOf(error) });
    });

  const carryTask = async (state: TaskState): Promise<void> => {
    const { task } = state;
    let from: string;
    try {
      // One at a time: git takes locks (refs, the worktree list) that tasks starting together would contend for.
      const made = setups.then(async () => {
        const head = (await landingHead(repo, plan.target)).head;
        // The app's executor makes them with the task's thread, from this same commit.
        if (executor.makesWorktrees) return head;
        await createBranch(repo, task.branch, head);
        await mkdir(path.dirname(task.worktree), { recursive: true });
        await addWorktreeForBranch(repo, task.worktree, task.branch);
        return head;
      });
      setups = made.then(
        () => undefined,
        () => undefined,
      );
      from = await made;
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
      const settle = (end: AgentEnd, stop: boolean) => {
        if (settled) return;
        settled = true;
        if (timer) clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
        if (stop && handle) void handle.stop().then(() => resolve(end));
        else resolve(end);
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
        entries: [{ branch: task.branch, label: task.name }],
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
        commit: outcome.commits[task.branch] ?? outcome.after,
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
