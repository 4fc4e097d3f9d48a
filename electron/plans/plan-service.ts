import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type {
  DryRunReportView,
  PlanCheckResultView,
  PlanRunEventView,
  PlanRunTask,
  PlanRunView,
  PlanTaskPhase,
} from '../../shared/contract/plans';
import type { DomainEvents } from '../../shared/domain-events';
import type { Project, Thread } from '../../shared/models';
import type { Plan } from '../../shared/plan';
import type { AttemptGroup } from '../../shared/attempts';
import type { Budget } from '../../shared/budget';
import type { AgentRegistry } from '../agents/agent-registry';
import type { AttemptsService } from '../attempts/attempts-service';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from '../threads/thread-service';
import { AppTaskExecutor } from './app-executor';
import { type CheckPlanOptions, checkPlan } from './check-plan';
import { planFromChecklist } from './checklist-import';
import { dryRunReport } from './dry-run';
import { parsePlanText } from './load-plan';
import { pastRuns } from './past-runs';
import { runPlan } from './plan-runner';
import type { ResolvedPlan, ResolvedTask } from './resolve-plan';
import { rollbackRun } from './rollback';
import { backupRefOf, newRunId, type RunEventKind, runFolder } from './run-log';

export interface PlanServiceOptions {
  readonly state: StateRepository;
  readonly threads: ThreadService;
  readonly agents: AgentRegistry;
  readonly events: DomainEvents;
  readonly dataDir: string;
  /** The project's hazard list (the review's settings). */
  readonly hazardPatterns: (projectId: string) => readonly string[];
  /** Types keys into a thread's agent terminal. */
  readonly typeKeys: (threadId: string, data: string) => boolean;
  readonly log: (message: string) => void;
  /** A task with attempts becomes an attempt group: compared, picked and set aside through the attempts service. */
  readonly attempts?: Pick<AttemptsService, 'recordPlanAttempt' | 'pick' | 'find'>;
  /** A task's `budget` becomes its thread's (the usage wiring weighs it and stops the agent when asked to). */
  readonly setThreadBudget?: (threadId: string, budget: Budget) => Promise<unknown>;
}

/** Where the app keeps a project's plans unless they were opened from elsewhere in it. */
export const projectPlansFolder = path.join('.switchyard', 'plans');
/** How many events of a run's log the plan view is sent. */
const logTail = 200;

interface AppRun {
  view: PlanRunView;
  readonly controller: AbortController;
  readonly executor: AppTaskExecutor;
}

/**
 * Plans in the app (issue 14): checked and dry-run as `switchyard plan` does them, run by the
 * same engine (plan-runner.ts) with each task an ordinary thread (app-executor.ts). A task lands
 * only once its review is approved, unless the plan says `"autoLand": true`.
 */
export class PlanService {
  private readonly runs = new Map<string, AppRun>();
  /** The plan run each branch of this session's runs belongs to (project id and branch): its thread's usage is booked to it. */
  private readonly branchRuns = new Map<string, string>();

  constructor(private readonly options: PlanServiceOptions) {}

  async check(projectId: string, text: string): Promise<PlanCheckResultView> {
    return (await this.checked(projectId, text)).result as PlanCheckResultView;
  }

  async dryRun(
    projectId: string,
    text: string,
  ): Promise<{ check: PlanCheckResultView; report: DryRunReportView | null }> {
    const { result, resolved } = await this.checked(projectId, text);
    return {
      check: result as PlanCheckResultView,
      report: resolved ? (dryRunReport(resolved) as DryRunReportView) : null,
    };
  }

  async run(projectId: string, text: string): Promise<PlanRunView> {
    const { result, resolved } = await this.checked(projectId, text);
    if (!resolved) {
      const first = result.errors[0];
      throw new AppError(
        'invalid-request',
        `The plan does not pass its check (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}${
          first ? `; first: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''
        }). Fix it, then run it again.`,
      );
    }
    const project = this.options.state.project(projectId);
    const runId = newRunId();
    const controller = new AbortController();
    const run: AppRun = {
      controller,
      view: {
        runId,
        projectId,
        target: resolved.target,
        autoLand: resolved.autoLand,
        state: 'running',
        startedAt: new Date().toISOString(),
        endedAt: null,
        backupRef: null,
        waves: resolved.waves.map((w) => [...w]),
        tasks: resolved.tasks.map((task) => ({
          ...taskView(task),
          attemptGroupId: task.attempts.length > 0 && this.options.attempts ? attemptGroupIdOf(runId, task.name) : null,
        })),
        log: [],
        logFile: path.join(runFolder(this.options.dataDir, runId), 'run.jsonl'),
        problem: null,
      },
      executor: new AppTaskExecutor({
        threads: this.options.threads,
        events: this.options.events,
        projectId,
        target: resolved.target,
        typeKeys: this.options.typeKeys,
        onChange: (task, change) =>
          this.changeTask(run, task, (t) => ({
            ...t,
            ...(change.threadId ? { threadId: change.threadId } : {}),
            ...(change.gate === 'plan-ready' ? { phase: 'plan-ready' as const } : {}),
            ...(change.gate === 'planning' || change.gate === 'approved' ? { phase: 'running' as const } : {}),
          })),
        onThread: (task, thread) => this.threadMade(runId, projectId, task, thread),
      }),
    };
    this.runs.set(runId, run);
    for (const task of resolved.tasks) {
      for (const branch of [task.branch, ...task.attempts.map((a) => a.branch)]) {
        this.branchRuns.set(`${projectId}\0${branch}`, runId);
      }
    }
    this.publish(run);
    void this.carry(run, project, resolved);
    return run.view;
  }

  private async carry(run: AppRun, project: Project, plan: ResolvedPlan): Promise<void> {
    const { signal } = run.controller;
    try {
      const outcome = await runPlan({
        repo: project.path,
        plan,
        dataDir: this.options.dataDir,
        runId: run.view.runId,
        signal,
        executor: () => run.executor,
        onEvent: (task, event, detail) => this.onEvent(run, task, event, detail),
        ...(plan.autoLand ? {} : { beforeLanding: (task: ResolvedTask) => this.approval(run, task, signal) }),
        ...(this.options.attempts
          ? {
              settleAttempts: (task: ResolvedTask, runs: readonly ResolvedTask[], auto: number | null) =>
                this.settleAttempts(run, task, runs, auto, signal),
            }
          : {}),
      });
      // The run's own report has the last word on how each task ended.
      const ended = new Map(outcome.report.tasks.map((t) => [t.name, t.status]));
      run.view = {
        ...run.view,
        tasks: run.view.tasks.map((t) => {
          const status = ended.get(t.name);
          return status && status !== t.phase
            ? { ...t, phase: status, endedAt: t.endedAt ?? new Date().toISOString() }
            : t;
        }),
        state: outcome.interrupted ? 'stopped' : outcome.ok ? 'done' : 'failed',
        endedAt: new Date().toISOString(),
        backupRef: outcome.report.backupRef,
        problem: outcome.preflightFailed ? `Preflight failed: ${outcome.preflightFailed.join(' ')}` : null,
      };
    } catch (error) {
      this.options.log(`[switchyard] plan run ${run.view.runId}: ${(error as Error).message}`);
      run.view = {
        ...run.view,
        state: 'failed',
        endedAt: new Date().toISOString(),
        problem: (error as Error).message,
      };
    }
    this.publish(run);
  }

  /** The plan run a thread was made for (by branch, this session's runs): its usage is booked to it. */
  planRunOf(thread: Pick<Thread, 'projectId' | 'branch'>): string | null {
    return this.branchRuns.get(`${thread.projectId}\0${thread.branch}`) ?? null;
  }

  /** A task's or attempt's thread was made: an attempt joins its task's group; a task's budget becomes the thread's. */
  private async threadMade(runId: string, projectId: string, task: ResolvedTask, thread: Thread): Promise<void> {
    try {
      // Recorded on the thread too, so its spend is still booked to the run after a restart.
      const saved = await this.options.state.putThread({ ...this.options.state.thread(thread.id), planRunId: runId });
      this.options.events.emit('thread.updated', saved);
      if (task.attempt !== null && this.options.attempts) {
        await this.options.attempts.recordPlanAttempt(
          {
            id: attemptGroupIdOf(runId, task.name),
            projectId,
            name: task.name,
            prompt: thread.prompt,
            brief: task.brief,
          },
          task.attempt,
          thread,
          {
            profileId: task.profile.id,
            ...(task.agent.mode ? { mode: task.agent.mode } : {}),
            ...(task.agent.approval ? { approvalMode: task.agent.approval } : {}),
            ...(task.agent.scenario ? { scenario: task.agent.scenario } : {}),
            ...(task.profile.takesCommand ? { command: [...task.argv] } : {}),
          },
        );
      }
      if (task.budget && this.options.setThreadBudget) await this.options.setThreadBudget(thread.id, task.budget);
    } catch (error) {
      this.options.log(`[switchyard] plan run ${runId}: could not record ${thread.name}: ${(error as Error).message}`);
    }
  }

  /**
   * Which attempt of a task lands (the runner's settleAttempts): with `"pick":"auto"` the runner's
   * pick, set through the attempts service (the others stopped, kept under refs, their threads
   * removed); with `"manual"`, or when the auto pick found none, the run waits, the task reading
   * why (the runner's `pick-needed`), until the dispatcher picks in the group's Compare view. A
   * group already picked keeps its pick.
   */
  private async settleAttempts(
    run: AppRun,
    task: ResolvedTask,
    runs: readonly ResolvedTask[],
    auto: number | null,
    signal: AbortSignal,
  ): Promise<number | null> {
    const attempts = this.options.attempts!;
    const groupId = attemptGroupIdOf(run.view.runId, task.name);
    const group = attempts.find(groupId);
    if (!group) return task.pick === 'auto' ? auto : null;
    const indexOf = (k: number | null) => {
      const index = runs.findIndex((r) => r.attempt === k);
      return index === -1 ? null : index;
    };
    let picked: number | null;
    if (group.status === 'resolved') picked = group.picked;
    else if (task.pick === 'auto' && auto !== null) {
      picked = runs[auto]!.attempt;
      await attempts.pick(groupId, picked!);
    } else {
      this.changeTask(run, task.name, (t) => ({ ...t, phase: 'pick-attempt', note: t.note ?? 'pick an attempt' }));
      picked = await this.pickedBy(groupId, task.name, signal);
    }
    const index = indexOf(picked);
    const winner = index === null ? null : run.executor.threadOf(runs[index]!);
    this.changeTask(run, task.name, (t) => ({
      ...t,
      threadId: winner ?? t.threadId,
      phase: t.phase === 'pick-attempt' ? 'verifying' : t.phase,
      note: index === null ? t.note : `attempt ${picked} picked`,
    }));
    return index;
  }

  /**
   * Resolves to the attempt the dispatcher picks in the group (attempts.pick), or null when the run
   * stops first; rejects once no attempt is left to pick (every attempt's thread removed by hand).
   */
  private pickedBy(groupId: string, taskName: string, signal: AbortSignal): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const settle = (group: AttemptGroup | null): void => {
        if (!group) return;
        if (group.status === 'resolved') done(() => resolve(group.picked));
        else if (group.attempts.every((a) => a.threadId === null)) {
          done(() =>
            reject(
              new Error(
                `no attempt of ${taskName} is left to pick: every attempt's thread was removed while the run waited for a pick`,
              ),
            ),
          );
        }
      };
      const done = (end: () => void) => {
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        end();
      };
      const onAbort = () => done(() => resolve(null));
      const unsubscribe = this.options.events.on('attempt.updated', (group) => {
        if (group.id === groupId) settle(group);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      // Stopped before it began to wait (Stop pressed as the task came to "pick an attempt"): no abort event comes.
      if (signal.aborted) onAbort();
      else settle(this.options.attempts!.find(groupId));
    });
  }

  /** In the app a task lands once its thread's review is approved; rejected, it does not land. */
  private approval(run: AppRun, task: ResolvedTask, signal: AbortSignal): Promise<string | null> {
    const threadId = run.executor.threadOf(task);
    if (!threadId) return Promise.resolve(null);
    this.changeTask(run, task.name, (t) => ({ ...t, phase: 'awaiting-approval' }));
    return new Promise<string | null>((resolve) => {
      const verdict = (thread: Thread): boolean => {
        if (thread.review.state === 'approved') return done(null);
        if (thread.review.state === 'rejected') return done('its review was rejected, so it was not landed');
        return false;
      };
      const done = (reason: string | null) => {
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        if (reason === null && !signal.aborted) this.changeTask(run, task.name, (t) => ({ ...t, phase: 'landing' }));
        resolve(reason);
        return true;
      };
      const onAbort = () => done(null);
      const unsubscribeUpdated = this.options.events.on('thread.updated', (thread) => {
        if (thread.id === threadId) verdict(thread);
      });
      // Removed before its review was approved (e.g. an attempt set aside by a later pick): nothing is left to land.
      const unsubscribeRemoved = this.options.events.on('thread.removed', ({ threadId: removed }) => {
        if (removed === threadId) done('its thread was removed before its review was approved, so it was not landed');
      });
      const unsubscribe = () => {
        unsubscribeUpdated();
        unsubscribeRemoved();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      verdict(this.options.state.thread(threadId));
    });
  }

  async stop(runId: string): Promise<PlanRunView> {
    const run = this.runOf(runId);
    if (run.view.state === 'running') {
      run.view = { ...run.view, state: 'stopping' };
      this.publish(run);
      run.controller.abort();
    }
    return run.view;
  }

  async rollback(runId: string, force: boolean) {
    const result = await rollbackRun(this.options.dataDir, runId, { force });
    return { target: result.target, from: result.from, to: result.to, unchanged: result.unchanged };
  }

  gate(runId: string, task: string, decision: 'approve' | 'request-changes', text: string | undefined): PlanRunView {
    const run = this.runOf(runId);
    const refused = run.executor.decide(task, decision, text);
    if (refused) throw new AppError('invalid-request', refused);
    return run.view;
  }

  /** This session's runs, and those recorded in the data folder by an earlier one (read back from their run.json). */
  async listRuns(): Promise<PlanRunView[]> {
    const past = await pastRuns(this.options.dataDir, this.options.state.projects(), this.options.state.threads());
    const live = [...this.runs.values()].map((r) => r.view);
    // A past run's task with attempts keeps its attempt group (and Compare) when the app made one.
    const withGroups = past.map((view) => ({
      ...view,
      tasks: view.tasks.map((task) => {
        const groupId = attemptGroupIdOf(view.runId, task.name);
        return this.options.attempts?.find(groupId) ? { ...task, attemptGroupId: groupId } : task;
      }),
    }));
    return [...live, ...withGroups.filter((p) => !this.runs.has(p.runId))].sort((a, b) =>
      b.runId.localeCompare(a.runId),
    );
  }

  /** Plan files kept in the project's .switchyard/plans/. */
  async list(projectId: string): Promise<{ path: string; name: string }[]> {
    const project = this.options.state.project(projectId);
    const names = await readdir(path.join(project.path, projectPlansFolder)).catch(() => [] as string[]);
    return names
      .filter((name) => /\.(json|ya?ml)$/i.test(name))
      .sort()
      .map((name) => ({ path: path.join(projectPlansFolder, name), name: name.replace(/\.(json|ya?ml)$/i, '') }));
  }

  async read(projectId: string, file: string): Promise<{ path: string; text: string }> {
    const { relative, absolute } = this.inProject(projectId, file);
    const text = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new AppError('not-found', `Could not read the plan ${relative}: ${error.code ?? error.message}.`);
    });
    return { path: relative, text };
  }

  async save(projectId: string, name: string, file: string | undefined, text: string) {
    const fileName = `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'plan'
    }.json`;
    const { relative, absolute } = this.inProject(projectId, file ?? path.join(projectPlansFolder, fileName));
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
    return { path: relative, name: path.basename(relative).replace(/\.(json|ya?ml)$/i, '') };
  }

  fromChecklist(projectId: string, markdown: string): { text: string; tasks: number } {
    this.options.state.project(projectId);
    const plan = planFromChecklist(markdown, 'main');
    if (plan.tasks.length === 0) {
      throw new AppError('invalid-request', 'The checklist has no open items: write one task per "- [ ] …" line.');
    }
    return { text: JSON.stringify(plan, null, 2), tasks: plan.tasks.length };
  }

  /** Stops every run (the app quits): their threads stop with them, their logs say interrupted. */
  shutdown(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }

  private async checked(projectId: string, text: string) {
    const project = this.options.state.project(projectId);
    const loaded = parsePlanText(text);
    if (!loaded.plan) return { result: { ok: false, errors: loaded.errors, warnings: [], waves: [] }, resolved: null };
    // In the app a task's worktree is its thread's: in the project's worktree folder.
    const plan: Plan = { ...loaded.plan, worktreeRoot: project.worktreeRoot };
    return checkPlan(plan, this.checkOptions(project));
  }

  private checkOptions(project: Project): CheckPlanOptions {
    return {
      repo: project.path,
      profiles: this.options.agents.all(),
      promptTemplate: project.promptTemplate,
      defaultWorktreeRoot: project.worktreeRoot,
      hazardPatterns: this.options.hazardPatterns(project.id),
    };
  }

  private inProject(projectId: string, file: string): { relative: string; absolute: string } {
    const project = this.options.state.project(projectId);
    const absolute = path.resolve(project.path, file);
    const relative = path.relative(project.path, absolute);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new AppError(
        'invalid-request',
        `The plan file must be inside the project (${project.path}); ${file} is not.`,
      );
    }
    return { relative, absolute };
  }

  private runOf(runId: string): AppRun {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not-found', `There is no plan run ${runId} in this window's session.`);
    return run;
  }

  private onEvent(run: AppRun, task: string | null, event: RunEventKind, detail: unknown): void {
    const entry: PlanRunEventView = { at: new Date().toISOString(), task, event, detail };
    run.view = { ...run.view, log: [...run.view.log, entry].slice(-logTail) };
    if (event === 'backup') run.view = { ...run.view, backupRef: backupRefOf(run.view.runId) };
    if (task) {
      const now = entry.at;
      this.changeTask(run, task, (t) => {
        switch (event) {
          case 'started':
            return { ...t, phase: t.phase === 'waiting' ? 'running' : t.phase, startedAt: now };
          case 'finished':
            return { ...t, phase: 'verifying' };
          case 'pick-needed':
            return { ...t, phase: 'pick-attempt', note: noteOf(detail) };
          case 'verified':
            return { ...t, verified: true, phase: run.view.autoLand ? 'landing' : t.phase };
          case 'verify-failed':
            return { ...t, verified: false, phase: 'verify-failed', endedAt: now, note: noteOf(detail) };
          case 'landed':
          case 'failed':
          case 'conflict':
          case 'timeout':
          case 'over-budget':
          case 'skipped':
            return { ...t, phase: event, endedAt: now, note: noteOf(detail) };
          case 'interrupted':
            return { ...t, phase: 'not-run', endedAt: now, note: 'stopped' };
          default:
            return t;
        }
      });
    } else this.publish(run);
  }

  private changeTask(run: AppRun, name: string, change: (task: PlanRunTask) => PlanRunTask): void {
    run.view = { ...run.view, tasks: run.view.tasks.map((t) => (t.name === name ? change(t) : t)) };
    this.publish(run);
  }

  private publish(run: AppRun): void {
    this.options.events.emit('plan.run', run.view);
  }
}

/** The attempt group of a task's attempts in a run (its refs: refs/switchyard/attempts/<group>/<k>). */
export function attemptGroupIdOf(runId: string, task: string): string {
  return `plan-${runId}-${task}`;
}

function taskView(task: ResolvedTask): PlanRunTask {
  return {
    name: task.name,
    wave: task.wave,
    branch: task.branch,
    dependsOn: [...task.dependsOn],
    phase: 'waiting' satisfies PlanTaskPhase,
    threadId: null,
    startedAt: null,
    endedAt: null,
    verified: null,
    planFirst: task.agent.planFirst === true,
    note: null,
    attemptGroupId: null,
  };
}

/** A run log detail in a few words for the task's row. */
function noteOf(detail: unknown): string | null {
  if (!detail || typeof detail !== 'object') return null;
  const d = detail as Record<string, unknown>;
  if (typeof d.message === 'string') return d.message;
  if (typeof d.dependency === 'string') return `its dependency ${d.dependency} did not land`;
  if (Array.isArray(d.files) && d.files.length > 0) return `conflict in ${d.files.join(', ')}`;
  if (Array.isArray(d.command)) return `${d.command.join(' ')} exited ${String(d.exitCode)}`;
  if (typeof d.commit === 'string') return `landed as ${d.commit.slice(0, 8)}`;
  return null;
}
