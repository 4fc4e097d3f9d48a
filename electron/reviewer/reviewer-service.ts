import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ReviewerRun, ReviewerSettings } from '../../shared/contract/reviewer';
import type { DomainEvents } from '../../shared/domain-events';
import type { ReviewComment } from '../../shared/review-comments';
import type { AgentRegistry } from '../agents/agent-registry';
import type { AgentProfile } from '../agents/profile';
import { branchTip } from '../git/branch';
import { gitOutput } from '../git/core';
import { readOnly } from '../git/read-only';
import { mergeBase } from '../git/refs';
import { startVerificationProcess, type VerificationProcess } from '../review/verification-process';
import type { StateRepository } from '../store/state-repository';
import { defaultReviewPrompt } from './default-review-prompt';
import { diffLines } from './diff-lines';
import { findingsToComments } from './findings-to-comments';
import { parseFindings } from './parse-findings';
import { reviewPrompt } from './review-prompt';
import { defaultReviewer, reviewerCommand } from './reviewer-command';
import { ReviewerSettingsStore } from './reviewer-settings';
import { addReviewWorktree, removeReviewWorktree, removeStaleReviewWorktrees } from './review-worktree';
import { mapLimited } from '../review/map-limited';

/** A reviewer that has not finished after this long is stopped (its output so far is still read). */
export const defaultReviewerTimeoutMs = 10 * 60_000;
/** Live output goes to the windows at most this often per run. */
const outputEventMs = 250;

export interface ReviewerServiceOptions {
  readonly dataDir: string;
  readonly state: StateRepository;
  readonly agents: AgentRegistry;
  readonly events: DomainEvents;
  /**
   * Where findings go: the thread's review comments. One run's comments at a time; they replace
   * the earlier runs' drafts the dispatcher left untouched, and say how many.
   */
  readonly comments: {
    add(threadId: string, comments: readonly ReviewComment[]): Promise<{ replaced: number }>;
  };
  /** The threads in a project's merge queue, in its order. */
  readonly queuedThreads: (projectId: string) => Promise<string[]>;
  readonly log: (message: string) => void;
  readonly timeoutMs?: number;
}

interface ActiveRun {
  record: ReviewerRun;
  process: VerificationProcess | null;
  cancelled: boolean;
  done: Promise<ReviewerRun>;
}

/**
 * Second opinions (issue 15): a reviewer agent runs headless in a read-only copy of a thread's
 * branch (a detached worktree at its tip, removed afterwards whatever happens), given the brief,
 * the diff and the project's review prompt; what it prints becomes review comments: findings on
 * their lines, the rest as one note. Review all runs it on a merge queue, a few at a time.
 */
export class ReviewerService {
  private readonly runs = new Map<string, ActiveRun>();
  private closed = false;

  private constructor(
    private readonly options: ReviewerServiceOptions,
    private readonly settingsStore: ReviewerSettingsStore,
  ) {}

  /** Opens the settings and removes reviewer worktrees a killed run left behind. */
  static async open(options: ReviewerServiceOptions): Promise<ReviewerService> {
    const settings = await ReviewerSettingsStore.open(options.dataDir);
    if (settings.problem) options.log(`[switchyard] ${settings.problem}`);
    const repos = [...new Set(options.state.projects().map((p) => p.path))];
    const removed = await removeStaleReviewWorktrees(options.dataDir, repos);
    if (removed > 0) options.log(`[switchyard] removed ${removed} reviewer worktree(s) left by an earlier run`);
    return new ReviewerService(options, settings);
  }

  list(projectId: string): ReviewerRun[] {
    return [...this.runs.values()]
      .map((run) => run.record)
      .filter((run) => run.projectId === projectId)
      .reverse();
  }

  settings(projectId: string): ReviewerSettings & { defaultPrompt: string } {
    this.options.state.project(projectId);
    return { ...this.settingsStore.get(projectId), defaultPrompt: defaultReviewPrompt };
  }

  async setSettings(
    projectId: string,
    settings: ReviewerSettings,
  ): Promise<ReviewerSettings & { defaultPrompt: string }> {
    this.options.state.project(projectId);
    return { ...(await this.settingsStore.set(projectId, settings)), defaultPrompt: defaultReviewPrompt };
  }

  /** Starts a reviewer on the thread; resolves with its run at once, or when it ended if `wait`. */
  async run(threadId: string, choice: { profileId?: string | undefined; wait?: boolean }): Promise<ReviewerRun> {
    const active = await this.start(threadId, choice.profileId);
    return choice.wait ? active.done : active.record;
  }

  /** Stops a running reviewer: its output so far is still read for findings, and its worktree removed. */
  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.record.state !== 'running') return false;
    run.cancelled = true;
    run.process?.kill();
    return true;
  }

  /**
   * A reviewer on every thread in the project's merge queue, at most the project's `maxParallel`
   * at once. Resolves with the runs as they started, or as they ended if `wait`.
   */
  async runAll(projectId: string, choice: { profileId?: string | undefined; wait?: boolean }): Promise<ReviewerRun[]> {
    const threadIds = await this.options.queuedThreads(projectId);
    if (threadIds.length === 0) {
      throw new AppError('invalid-request', 'The merge queue is empty: queue a thread, then ask for reviews.');
    }
    const limit = this.settingsStore.get(projectId).maxParallel;
    const all = mapLimited(threadIds, limit, async (threadId) => {
      try {
        const active = await this.start(threadId, choice.profileId);
        return await active.done;
      } catch (error) {
        this.options.log(`[switchyard] reviewer on ${threadId}: ${(error as Error).message}`);
        return null;
      }
    });
    if (choice.wait) return (await all).filter((run): run is ReviewerRun => run !== null);
    void all;
    return [];
  }

  /** Stops every reviewer and waits until their worktrees are gone. */
  async shutdown(): Promise<void> {
    this.closed = true;
    const running = [...this.runs.values()].filter((run) => run.record.state === 'running');
    for (const run of running) this.cancel(run.record.runId);
    await Promise.all(running.map((run) => run.done.catch(() => undefined)));
    await this.settingsStore.flush();
  }

  private async start(threadId: string, profileId: string | undefined): Promise<ActiveRun> {
    if (this.closed) throw new AppError('unsupported', 'Switchyard is quitting; ask for the review after it restarts.');
    const { state, agents } = this.options;
    const thread = state.thread(threadId);
    const project = state.project(thread.projectId);
    const already = [...this.runs.values()].find((r) => r.record.threadId === threadId && r.record.state === 'running');
    if (already) return already;
    const profile: AgentProfile = profileId ? agents.get(profileId) : await defaultReviewer(agents, thread.profileId);
    const commit = await branchTip(project.path, thread.branch);
    const base = await mergeBase(project.path, `refs/heads/${thread.baseBranch}`, commit).catch(() => {
      throw new AppError(
        'base-not-found',
        `The base branch "${thread.baseBranch}" of ${thread.name} is gone or shares no history with it, so there is no diff to review.`,
      );
    });
    const diff = await gitOutput(
      project.path,
      ['diff', '--no-color', '--no-ext-diff', '--no-renames', base, commit, '--'],
      readOnly,
    );
    if (diff.trim() === '') {
      throw new AppError('invalid-request', `${thread.name} has no committed changes yet: there is nothing to review.`);
    }
    const runId = randomUUID();
    const record: ReviewerRun = {
      runId,
      threadId,
      projectId: thread.projectId,
      profileId: profile.id,
      profileLabel: profile.label,
      commit,
      state: 'running',
      startedAt: new Date().toISOString(),
      endedAt: null,
      output: '',
      outputTruncated: false,
      comments: 0,
      blocking: 0,
      unparsed: 0,
      replaced: 0,
      exitCode: null,
      error: null,
    };
    const active: ActiveRun = { record, process: null, cancelled: false, done: Promise.resolve(record) };
    this.runs.set(runId, active);
    this.emit(active);
    const settings = this.settingsStore.get(thread.projectId);
    const prompt = reviewPrompt(settings.prompt ?? defaultReviewPrompt, thread.brief, thread.prompt, diff);
    active.done = this.execute(active, { repo: project.path, profile, prompt, diff, base });
    return active;
  }

  private async execute(
    active: ActiveRun,
    job: { repo: string; profile: AgentProfile; prompt: string; diff: string; base: string },
  ): Promise<ReviewerRun> {
    const { record } = active;
    let worktree: Awaited<ReturnType<typeof addReviewWorktree>> | null = null;
    let lastEmit = 0;
    try {
      worktree = await addReviewWorktree(this.options.dataDir, job.repo, record.commit, record.runId);
      const command = await reviewerCommand(this.options.agents, job.profile, {
        prompt: job.prompt,
        cwd: worktree.path,
        runDir: worktree.runDir,
        baseCommit: job.base,
      });
      if (active.cancelled) throw new AppError('invalid-request', 'Cancelled before it started.');
      const process = startVerificationProcess(command.argv, {
        cwd: worktree.path,
        env: command.env,
        timeoutMs: this.options.timeoutMs ?? defaultReviewerTimeoutMs,
        onOutput: () => {
          const now = Date.now();
          if (now - lastEmit < outputEventMs || !active.process) return;
          lastEmit = now;
          const kept = active.process.output();
          active.record = { ...active.record, output: kept.text, outputTruncated: kept.truncated };
          this.emit(active);
        },
      });
      active.process = process;
      const outcome = await process.done;
      const lines = diffLines(job.diff);
      const parsed = parseFindings(outcome.output, lines);
      const comments = findingsToComments(parsed, lines, {
        threadId: record.threadId,
        profileId: job.profile.id,
        profileLabel: job.profile.label,
        runId: record.runId,
        commit: record.commit,
      });
      const state = active.cancelled
        ? 'cancelled'
        : outcome.timedOut
          ? 'timed-out'
          : outcome.exitCode === 0
            ? 'done'
            : 'failed';
      // A run that did not finish and said nothing leaves the earlier run's findings as they are.
      const { replaced } =
        state === 'done' || comments.length > 0
          ? await this.options.comments.add(record.threadId, comments)
          : { replaced: 0 };
      active.record = {
        ...active.record,
        state,
        output: outcome.output,
        outputTruncated: outcome.outputTruncated,
        comments: comments.length,
        blocking: comments.filter((c) => c.severity === 'blocking').length,
        unparsed: parsed.leftovers.length,
        replaced,
        exitCode: outcome.exitCode,
        error:
          outcome.error ??
          (state === 'failed'
            ? `${job.profile.label} ended with exit code ${outcome.exitCode ?? outcome.signal}.`
            : null),
      };
    } catch (error) {
      active.record = {
        ...active.record,
        state: active.cancelled ? 'cancelled' : 'failed',
        error: (error as Error).message,
      };
    } finally {
      if (worktree) await removeReviewWorktree(job.repo, worktree);
      active.record = { ...active.record, endedAt: new Date().toISOString() };
      this.emit(active);
    }
    return active.record;
  }

  private emit(active: ActiveRun): void {
    this.options.events.emit('reviewer.updated', active.record);
  }
}
