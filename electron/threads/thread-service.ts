import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedRequestOf } from '../../shared/contract';
import { unreviewed } from '../../shared/review-decision';
import { AppError } from '../../shared/errors';
import type { DomainEvents } from '../../shared/domain-events';
import type { FollowUp, FollowUpChange } from '../../shared/follow-ups';
import {
  activeThreadStatuses,
  type MergeOutcome,
  type MergeRecord,
  type Project,
  type RemoveOutcome,
  type StopCause,
  type Thread,
} from '../../shared/models';
import type { ReviewDecision } from '../../shared/review-decision';
import { commandLineStopReason, endedThread } from '../../shared/stop-reasons';
import type { AgentRegistry } from '../agents/agent-registry';
import { resolveBriefDependencies } from '../briefs/brief-dependencies';
import { changelogPathFor } from '../briefs/changelog-path';
import { renderBriefPrompt } from '../briefs/render-brief-prompt';
import { writeBriefIntoWorktree } from '../briefs/write-brief';
import { branchExists, createBranch } from '../git/branch';
import { deleteRef } from '../git/refs';
import { addWorktreeForBranch, pruneWorktrees } from '../git/worktree';
import { pathExists } from '../fs/path-exists';
import type { StateRepository } from '../store/state-repository';
import type { TerminalBackend } from '../terminals/terminal-service';
import { type AgentAdoption, type AgentRuntime, type AgentRuntimeFactory, agentHostLostReason } from './agent-runtime';
import { type AgentCommand, resolveAgentCommand } from './agent-launch';
import { plannedPlace, planThread, type ThreadPlan } from './create-thread-plan';
import { KeyedMutex } from './keyed-mutex';
import type { HookEventKind } from '../hooks/hook-protocol';
import { installClaudeHooks } from '../hooks/install-claude-hooks';
import { buildLaunchPlan, type HookEndpoint } from './launch-plan';
import { mergeThreadIntoBase } from './merge-thread';
import { allocatePortBase } from './port-allocator';
import { assertRemovable, findUnsavedWork, removeThreadFromDisk } from './remove-thread';
import { ThreadRuntime, type RuntimeOptions } from './thread-runtime';
import { copyIntoWorktree } from './worktree-files';

const defaultSize = { cols: 120, rows: 32 };
const finalStatuses = new Set<Thread['status']>(['done', 'failed', 'stopped']);

/** `switchyard agents stop` stopped it (the agent host says so): its own words, not "stopped by you". */
function stoppedFromCommandLine(reason: string | null): string | null {
  return reason === commandLineStopReason ? commandLineStopReason : null;
}

/** What a create has made so far, so a failure undoes exactly that. */
interface CreatedParts {
  branch: boolean;
  worktree: boolean;
}

export interface ThreadServiceOptions {
  readonly state: StateRepository;
  readonly agents: AgentRegistry;
  readonly events: DomainEvents;
  readonly dataDir: string;
  readonly maxRunningAgents: () => number;
  readonly log: (message: string) => void;
  /** Where agents run; by default in this process (ThreadRuntime), in the app the agent host (agent-host/). */
  readonly runtime?: AgentRuntimeFactory;
  /** Runs once the agent has stopped and before the worktree goes (the thread's plain shell stops). */
  readonly beforeRemove?: (threadId: string) => Promise<void>;
}

/** For creates that are not the form's: a restored attempt starts from its kept commit, its agent not started. */
export interface CreateOptions {
  /** The commit the new branch starts at instead of the base branch's tip. */
  readonly startPoint?: string;
  /** Records the thread as stopped, with these words, instead of starting its agent (resume starts it). */
  readonly stoppedReason?: string;
}

/** Claude Code status hooks: where they report, and the relay program its hooks run. */
export interface HookWiring {
  readonly endpoint: HookEndpoint;
  readonly relayCommand: readonly string[];
  readonly relayEnv: Readonly<Record<string, string>>;
}

/** Threads: a branch in its own worktree with an agent in a terminal. */
export class ThreadService {
  private readonly runtime: AgentRuntime;
  /** Threads whose agents run in an agent host of another protocol version: never started twice. */
  private elsewhere = new Map<string, string>();
  private readonly state: StateRepository;
  private readonly agents: AgentRegistry;
  private readonly events: DomainEvents;
  private hooks: HookWiring | null = null;
  /** Held per branch and per worktree folder while a thread is being created. */
  private readonly creating = new KeyedMutex();
  /** Set by shutdown: agents stopped from then on stopped because Switchyard quit, not by you. */
  private quitting = false;
  private readonly beforeRemove: (threadId: string) => Promise<void>;
  /** Why a stop was asked for, when not by the dispatcher's hand (threads.stop's reason). */
  private readonly stopReasons = new Map<string, string>();

  constructor(options: ThreadServiceOptions) {
    this.state = options.state;
    this.beforeRemove = options.beforeRemove ?? (() => Promise.resolve());
    this.agents = options.agents;
    this.events = options.events;
    const runtimeOptions: RuntimeOptions = {
      dataDir: options.dataDir,
      maxRunning: options.maxRunningAgents,
      events: {
        onStatus: (threadId, change, exitCode, since) => {
          const cause: StopCause = this.quitting ? 'quit' : 'user';
          const reason = change.status === 'stopped' ? this.stopReasons.get(threadId) : undefined;
          // An agent of an older Switchyard's agent host ended (the runtime watched it): it can be resumed here now.
          if (finalStatuses.has(change.status)) this.elsewhere.delete(threadId);
          if (change.status === 'stopped') this.stopReasons.delete(threadId);
          this.update(threadId, (t) => {
            const next: Thread =
              // The agent host died under it: ended with Switchyard, as at a start that finds the host
              // gone — stopped (not failed: the agent did nothing wrong), its question kept, resumable.
              change.reason === agentHostLostReason
                ? endedThread(t, 'host-lost')
                : change.status === 'stopped'
                  ? endedThread(t, cause, exitCode ?? t.exitCode, reason ?? stoppedFromCommandLine(change.reason))
                  : {
                      ...t,
                      status: change.status,
                      statusReason: change.reason,
                      exitCode: exitCode ?? t.exitCode,
                      stopCause: null,
                      pendingQuestion: null,
                    };
            // A new status began when the runtime (perhaps the agent host) saw it; an unchanged one keeps its moment.
            return next.status === t.status ? next : { ...next, statusSince: since };
          }).catch((error: unknown) =>
            options.log(`[switchyard] could not record the status of ${threadId}: ${String(error)}`),
          );
        },
        onFollowUps: (threadId, items) => this.events.emit('thread.followUps', { threadId, items: [...items] }),
      },
    };
    this.runtime = options.runtime ? options.runtime(runtimeOptions.events) : new ThreadRuntime(runtimeOptions);
  }

  /** The threads' terminals, for the terminal service (terminals/terminal-service.ts). */
  get terminals(): TerminalBackend {
    return this.runtime;
  }

  /** Turns on Claude Code hooks for the threads started from now on. */
  useHooks(hooks: HookWiring): void {
    this.hooks = hooks;
  }

  hookEvent(threadId: string, kind: HookEventKind, message: string | null): void {
    this.runtime.hookEvent(threadId, kind, message);
  }

  /** After a restart no agent of ours is alive: say so instead of showing a stale "working". */
  async recoverAfterStart(): Promise<void> {
    const adoption = await this.runtime.adopt();
    this.elsewhere = new Map(adoption.elsewhere);
    for (const thread of this.state.threads()) {
      const worktreeMissing = !(await pathExists(thread.worktreePath));
      if (await this.adopted(thread, adoption, worktreeMissing)) continue;
      const wasActive = activeThreadStatuses.has(thread.status);
      if (wasActive || worktreeMissing !== thread.worktreeMissing) {
        // Still active on disk: the last run ended without a clean quit (crash, kill -9).
        await this.state.putThread({ ...(wasActive ? endedThread(thread, 'host-lost') : thread), worktreeMissing });
      }
    }
  }

  /** Threads whose agents still run in an older Switchyard's agent host (not reattached: the start banner says so). */
  runningInOlderHost(): ReadonlySet<string> {
    return new Set(this.elsewhere.keys());
  }

  /** The agent host saw this thread's agent exit while no Switchyard was running. */
  async recordExitWhileClosed(threadId: string, exitCode: number): Promise<void> {
    await this.update(threadId, (t) => endedThread(t, 'exited-while-closed', exitCode));
  }

  /**
   * Applies what the agent host says of a thread after a restart: its agent still runs (adopted,
   * with the status its screen shows now), ended meanwhile, runs in an agent host of another
   * protocol version (left alone), or was lost with a host that died. False when it says nothing.
   */
  private async adopted(thread: Thread, adoption: AgentAdoption, worktreeMissing: boolean): Promise<boolean> {
    const live = adoption.live.find((agent) => agent.threadId === thread.id);
    const finished = adoption.finished.find((agent) => agent.threadId === thread.id);
    const elsewhere = adoption.elsewhere.get(thread.id);
    let next: Thread | null = null;
    // Since when, as the host saw it: the agent may have changed status while no app was running.
    if (live) {
      const statusSince = live.statusSince ?? thread.statusSince;
      next = { ...thread, status: live.status, statusReason: live.reason, stopCause: null, statusSince };
    }
    // Running in an older host now: whatever this host recorded of an earlier run is past.
    else if (elsewhere) next = { ...thread, statusReason: elsewhere };
    else if (finished && activeThreadStatuses.has(thread.status)) {
      next = stoppedFromCommandLine(finished.reason)
        ? endedThread(thread, 'user', finished.exitCode, commandLineStopReason)
        : endedThread(thread, 'exited-while-closed', finished.exitCode);
      // When it ended, as the host recorded it (an older host's record has no moment: now).
      next = { ...next, statusSince: finished.statusSince ?? null };
    } else if (adoption.hostLost && activeThreadStatuses.has(thread.status)) {
      next = endedThread(thread, 'host-lost');
    }
    if (!next) return false;
    await this.state.putThread({ ...next, worktreeMissing });
    return true;
  }

  async list(): Promise<Thread[]> {
    const threads = this.state.threads();
    // A worktree deleted behind our back is reported, not discovered later by a failing git call.
    return Promise.all(
      threads.map(async (t) => {
        const worktreeMissing = !(await pathExists(t.worktreePath));
        return worktreeMissing === t.worktreeMissing ? t : this.state.putThread({ ...t, worktreeMissing });
      }),
    );
  }

  async create(request: ParsedRequestOf<'threads.create'>, options: CreateOptions = {}): Promise<Thread> {
    const project = this.state.project(request.projectId);
    const brief = request.brief ?? null;
    // Checked first, like everything else that can refuse: a bad dependency creates nothing.
    const dependencies = brief ? resolveBriefDependencies(this.state.threads(), project.id, brief.dependsOn) : [];
    // Two creates that want the same branch or folder run one after the other: the second is then
    // refused by planThread with a clear error instead of colliding in git.
    const place = plannedPlace(project, request);
    const release = await this.creating.lock([
      `branch\0${project.path}\0${place.branch.toLowerCase()}`,
      `folder\0${path.resolve(place.worktreePath).toLowerCase()}`,
    ]);
    try {
      return await this.createLocked(project, request, dependencies, options);
    } finally {
      release();
    }
  }

  private async createLocked(
    project: Project,
    request: ParsedRequestOf<'threads.create'>,
    dependencies: ReturnType<typeof resolveBriefDependencies>,
    options: CreateOptions,
  ): Promise<Thread> {
    const brief = request.brief ?? null;
    const planned = await planThread(project, request);
    const plan = options.startPoint ? { ...planned, baseCommit: options.startPoint } : planned;
    // A brief becomes the first prompt through the project's template; without one the prompt is used as typed.
    const prompt = brief
      ? renderBriefPrompt(project.promptTemplate, {
          threadName: request.name.trim(),
          branch: plan.branch,
          baseBranch: plan.baseBranch,
          prompt: request.prompt,
          brief,
          changelogPath: changelogPathFor(brief, request.name),
          dependencies,
        })
      : request.prompt;
    // The agent is resolved before the worktree exists: a missing binary creates nothing.
    const command = await resolveAgentCommand(this.agents, {
      profileId: request.profileId,
      prompt,
      cwd: plan.worktreePath,
      command: request.command,
      scenario: request.scenario,
      mode: request.mode,
      approvalMode: request.approvalMode,
    });
    const createdAt = new Date().toISOString();
    const thread: Thread = {
      id: `t_${randomBytes(4).toString('hex')}`,
      projectId: project.id,
      name: request.name.trim(),
      branch: plan.branch,
      baseBranch: plan.baseBranch,
      worktreePath: plan.worktreePath,
      profileId: request.profileId,
      prompt,
      status: options.stoppedReason ? 'stopped' : 'starting',
      statusReason: options.stoppedReason ?? null,
      statusSince: createdAt,
      exitCode: null,
      stopCause: null,
      pendingQuestion: null,
      createdAt,
      merged: null,
      worktreeMissing: false,
      brief,
      mode: command.mode,
      approvalMode: command.approvalMode,
      bypassApprovals: command.bypassApprovals,
      portBase: allocatePortBase(this.state.threads()),
      command: request.command ?? null,
      scenario: request.scenario ?? null,
      review: unreviewed,
      archived: false,
      usage: null,
      budget: null,
      budgetAlert: null,
    };
    let banner: string | undefined;
    const made: CreatedParts = { branch: false, worktree: false };
    try {
      await this.makeBranchAndWorktree(project.path, plan, made);
      if (brief) await writeBriefIntoWorktree(project.path, thread, prompt);
      banner = await this.copyProjectFiles(project, thread);
      // Recorded before the agent starts so its first status change has a thread to update.
      await this.state.putThread(thread);
    } catch (error) {
      await this.state.deleteThread(thread.id).catch(() => undefined);
      await this.undoCreate(project.path, plan, made);
      if (error instanceof AppError) throw error;
      throw new AppError(
        'internal',
        `Could not create "${thread.name}": ${(error as Error).message}. Nothing was left behind.`,
      );
    }
    this.events.emit('thread.updated', thread);
    if (options.stoppedReason) return thread;
    const hookNote = await this.prepareHooks(thread);
    this.launch(project, thread, command, {
      withSetup: true,
      banner: [banner, hookNote].filter(Boolean).join('\r\n') || undefined,
      cols: request.cols,
      rows: request.rows,
    });
    return this.state.thread(thread.id);
  }

  /** Starts a stopped, finished or failed thread's agent again, continuing its session where the tool can. */
  async resume(threadId: string): Promise<Thread> {
    const thread = this.state.thread(threadId);
    if (this.runtime.isRunning(threadId) || this.runtime.isQueued(threadId)) {
      throw new AppError('invalid-request', `"${thread.name}" is already running.`);
    }
    const elsewhere = this.elsewhere.get(threadId);
    if (elsewhere) {
      throw new AppError(
        'invalid-request',
        `"${thread.name}" is still running: ${elsewhere}. Stop it first to restart it in this Switchyard.`,
      );
    }
    if (!(await pathExists(thread.worktreePath))) {
      throw new AppError(
        'worktree-missing',
        `The worktree of "${thread.name}" is gone from ${thread.worktreePath}; it cannot be resumed.`,
      );
    }
    const project = this.state.project(thread.projectId);
    const command = await resolveAgentCommand(this.agents, {
      profileId: thread.profileId,
      prompt: thread.prompt,
      cwd: thread.worktreePath,
      command: thread.command ?? undefined,
      scenario: thread.scenario ?? undefined,
      mode: thread.mode,
      approvalMode: thread.approvalMode,
      resume: true,
    });
    await this.update(threadId, (t) => ({ ...t, status: 'starting', statusReason: 'resuming', exitCode: null }));
    const hookNote = await this.prepareHooks(thread);
    this.launch(project, thread, command, {
      withSetup: false,
      banner: ['— resumed by Switchyard —', hookNote].filter(Boolean).join('\r\n'),
    });
    return this.state.thread(threadId);
  }

  /** Settings changed the running limit: queued threads start at once when it was raised. */
  limitChanged(): void {
    this.runtime.limitChanged();
  }

  /** Starts a thread waiting for an agent slot now, past the running limit (the queued notice's "Start anyway"). */
  async startNow(threadId: string): Promise<Thread> {
    const thread = this.state.thread(threadId);
    if (!(await this.runtime.startNow(threadId))) {
      throw new AppError(
        'invalid-request',
        `"${thread.name}" is not waiting for an agent slot (it is ${thread.status}), so there is nothing to start now.`,
      );
    }
    return this.state.thread(threadId);
  }

  /** `reason`: words other than "stopped by you" for the thread to show (e.g. stopped at its budget). */
  async stop(threadId: string, reason: string | null = null): Promise<Thread> {
    this.state.thread(threadId);
    if (reason) this.stopReasons.set(threadId, reason);
    await this.runtime.stop(threadId);
    return this.state.thread(threadId);
  }

  async remove(threadId: string, discard: boolean): Promise<RemoveOutcome> {
    const thread = this.state.thread(threadId);
    const project = this.state.project(thread.projectId);
    // Refused before anything is stopped: a removal the dispatcher has not confirmed leaves the
    // agent running. removeThreadFromDisk checks again once the agent has stopped.
    assertRemovable(thread, await findUnsavedWork(project.path, thread), discard);
    await this.runtime.stop(threadId);
    await this.beforeRemove(threadId);
    const outcome = await removeThreadFromDisk(project.path, thread, discard);
    await this.runtime.discard(threadId);
    await this.state.deleteThread(threadId);
    this.events.emit('thread.removed', { threadId });
    return outcome;
  }

  /** The messages queued for the thread's agent (follow-up-queue.ts), oldest first. */
  followUps(threadId: string): Promise<FollowUp[]> {
    this.state.thread(threadId);
    return this.runtime.followUps(threadId);
  }

  /** Queues, edits, cancels or sends now a message for the thread's agent. */
  changeFollowUps(threadId: string, change: FollowUpChange): Promise<FollowUp[]> {
    const thread = this.state.thread(threadId);
    if (change.op === 'add' && !this.isActive(threadId)) {
      throw new AppError(
        'invalid-request',
        `The agent of "${thread.name}" is not running, so nothing can be queued for it. Resume it, then send again.`,
      );
    }
    return this.runtime.changeFollowUps(threadId, change);
  }

  /**
   * Sends the agent a message through its terminal (the dispatcher sees it there, as if typed):
   * at once when the agent is ready for input, otherwise queued until it is (never typed into a
   * question). Refused with a clear error when the agent is not running.
   */
  sendMessage(threadId: string, text: string): void {
    const thread = this.state.thread(threadId);
    if (!this.runtime.sendMessage(threadId, text)) {
      throw new AppError(
        'invalid-request',
        `The agent of "${thread.name}" is not running, so it cannot receive the message. Resume it, then send again.`,
      );
    }
  }

  async merge(threadId: string): Promise<MergeOutcome> {
    const thread = this.state.thread(threadId);
    const project = this.state.project(thread.projectId);
    const outcome = await mergeThreadIntoBase(project.path, thread);
    await this.update(threadId, (t) => ({
      ...t,
      merged: { commit: outcome.commit, into: outcome.into, at: new Date().toISOString() },
    }));
    return outcome;
  }

  /** Stops every agent because Switchyard quits (their threads say so). */
  /** Lets go of the agents, which keep running in the agent host for the next start to adopt. */
  detachAgents(): Promise<void> {
    return this.runtime.release();
  }

  shutdown(): Promise<void> {
    this.quitting = true;
    return this.runtime.stopAll();
  }

  /** The review pane's verdict on the thread's branch; a rejected thread is archived. */
  recordReview(threadId: string, review: ReviewDecision, archived: boolean): Promise<Thread> {
    return this.save(threadId, (thread) => ({ ...thread, review, archived }));
  }

  /** The merge queue landed the thread's branch. */
  recordMerged(threadId: string, merged: MergeRecord): Promise<Thread> {
    return this.save(threadId, (thread) => ({ ...thread, merged }));
  }

  /** Saves a change on the freshest copy of the thread and tells every window. */
  private async save(threadId: string, change: (thread: Thread) => Thread): Promise<Thread> {
    const next = await this.state.putThread(change(this.state.thread(threadId)));
    this.events.emit('thread.updated', next);
    return next;
  }

  /** Whether the thread's agent process is alive (or waiting for a slot). */
  isActive(threadId: string): boolean {
    return this.runtime.isRunning(threadId) || this.runtime.isQueued(threadId);
  }

  private launch(
    project: Project,
    thread: Thread,
    command: AgentCommand,
    options: { withSetup: boolean; banner?: string | undefined; cols?: number | undefined; rows?: number | undefined },
  ): void {
    this.runtime.start({
      // Named for other threads' queued reasons: the runtime (perhaps in the agent host) has no thread records.
      threadName: thread.name,
      ...buildLaunchPlan({
        project,
        thread,
        command,
        withSetup: options.withSetup,
        banner: options.banner,
        cols: options.cols ?? defaultSize.cols,
        rows: options.rows ?? defaultSize.rows,
        hooks: this.hooks?.endpoint ?? null,
      }),
    });
  }

  /**
   * Claude Code reports its own state through hooks in the worktree's project-local settings
   * (never the user's global config). Returns a line for the terminal when they could not be set.
   */
  private async prepareHooks(thread: Thread): Promise<string | undefined> {
    if (!this.hooks || thread.profileId !== 'claude') return undefined;
    const outcome = await installClaudeHooks({
      worktreePath: thread.worktreePath,
      relayCommand: this.hooks.relayCommand,
      relayEnv: this.hooks.relayEnv,
    }).catch((error: unknown) => ({ installed: false as const, reason: String(error) }));
    return outcome.installed
      ? undefined
      : `status hooks not installed: ${outcome.reason}; status comes from the screen`;
  }

  /** Copies the project's listed git-ignored files; returns a line for the terminal saying what happened. */
  private async copyProjectFiles(project: Project, thread: Thread): Promise<string | undefined> {
    if (project.copyFiles.length === 0) return undefined;
    const { copied, missing } = await copyIntoWorktree(project.path, thread.worktreePath, project.copyFiles);
    const parts = [];
    if (copied.length) parts.push(`copied ${copied.join(', ')} from the main checkout`);
    if (missing.length) parts.push(`not found in the main checkout: ${missing.join(', ')}`);
    return parts.join('; ');
  }

  /** Like save, for changes that may arrive after the thread was removed (then nothing happens). */
  private async update(threadId: string, change: (thread: Thread) => Thread): Promise<void> {
    try {
      this.state.thread(threadId);
    } catch {
      return; // removed meanwhile
    }
    await this.save(threadId, change);
  }

  /**
   * Creates the branch at the planned base commit, then its worktree, noting in `made` each part
   * that this request created, so a failure undoes exactly those and nothing another create (or
   * anyone else) made meanwhile.
   */
  private async makeBranchAndWorktree(repo: string, plan: ThreadPlan, made: CreatedParts): Promise<void> {
    try {
      await createBranch(repo, plan.branch, plan.baseCommit);
    } catch (error) {
      if (await branchExists(repo, plan.branch).catch(() => false)) {
        throw new AppError(
          'branch-exists',
          `A branch named "${plan.branch}" was created meanwhile; pick another branch name.`,
          { branch: plan.branch },
        );
      }
      throw error;
    }
    made.branch = true;
    const taken = () =>
      new AppError(
        'worktree-exists',
        `The folder ${plan.worktreePath} was created meanwhile; remove it or pick another branch name.`,
        { path: plan.worktreePath },
      );
    // Someone else's folder, even an empty one git would accept, is never used (nor removed on undo).
    if (await pathExists(plan.worktreePath)) throw taken();
    try {
      await addWorktreeForBranch(repo, plan.worktreePath, plan.branch);
    } catch (error) {
      if (await pathExists(plan.worktreePath)) throw taken();
      throw error;
    }
    made.worktree = true;
  }

  /** Rolls back a half-made thread: only the parts this request made, which hold no work yet. */
  private async undoCreate(repo: string, plan: ThreadPlan, made: CreatedParts): Promise<void> {
    if (made.worktree) {
      await rm(plan.worktreePath, { recursive: true, force: true }).catch(() => undefined);
      await pruneWorktrees(repo).catch(() => undefined);
    }
    // Deleted only while it still points where this request created it.
    if (made.branch) await deleteRef(repo, `refs/heads/${plan.branch}`, plan.baseCommit).catch(() => undefined);
  }
}
