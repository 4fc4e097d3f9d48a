import type { Attempt, AttemptAgent, AttemptComparison, AttemptGroup, ScoreWeights } from '../../shared/attempts';
import { attemptRefName } from '../../shared/attempts';
import type { ParsedRequestOf } from '../../shared/contract';
import type { AttemptDiff } from '../../shared/contract/attempts';
import type { DomainEvents } from '../../shared/domain-events';
import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { ReviewSettings } from '../../shared/review-settings';
import { pathExists } from '../fs/path-exists';
import { revParse, tryRevParse } from '../git/refs';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from '../threads/thread-service';
import { type AttemptFacts, factsOfRef, factsOfThread, type ReviewReader } from './attempt-facts';
import { AttemptGroups } from './attempt-groups';
import { compareAttempts } from './compare-attempts';
import { attemptThreadName, createAttempts } from './create-attempts';
import { diffAttempts } from './diff-attempts';
import { keepAttemptWork } from './keep-attempt-work';
import { runBenchmark } from './run-benchmark';
import { type VerificationRunner, verifyAttempt } from './verify-attempt';

/** What a plan run says of a task's attempt group: the rest is made from its threads. */
export type PlanAttemptGroup = Pick<AttemptGroup, 'id' | 'projectId' | 'name' | 'prompt' | 'brief'>;

const finishedStatuses = new Set<Thread['status']>(['done', 'failed', 'stopped']);

export interface AttemptsServiceOptions {
  readonly state: StateRepository;
  readonly threads: ThreadService;
  /** The review service: summaries, verification runs, and the project's hazard list and shell. */
  readonly review: ReviewReader & VerificationRunner & { settings(projectId: string): ReviewSettings };
  readonly events: DomainEvents;
  readonly log: (message: string) => void;
}

/**
 * Attempt groups (issue 15): one task run by N agents side by side as N ordinary threads, compared,
 * and one picked to continue; the others are set aside under refs/switchyard/attempts/<group>/<k>
 * and can be restored. The plan runner can use `create`, `compare`, `verifyAll` and `pick` the
 * same way, and `pickAttempt` (pick-attempt.ts) for `"pick":"auto"`.
 */
export class AttemptsService {
  private readonly groups: AttemptGroups;
  private readonly unsubscribe: () => void;
  /** Groups being picked or restored: one change at a time per group. */
  private readonly busy = new Set<string>();
  /** When each thread's agent first finished, this run. */
  private readonly finishedAt = new Map<string, string>();
  /** Plan attempts being recorded, per group: one after another. */
  private readonly planRecords = new Map<string, Promise<void>>();

  constructor(private readonly options: AttemptsServiceOptions) {
    this.groups = new AttemptGroups(options.state, options.events);
    // Elapsed time ends when an attempt's agent first finishes (remembered for every thread: a
    // quick agent can finish before its group is saved).
    const unsubscribeUpdated = options.events.on('thread.updated', (thread) => {
      if (!finishedStatuses.has(thread.status) || this.finishedAt.has(thread.id)) return;
      const at = new Date().toISOString();
      this.finishedAt.set(thread.id, at);
      const group = this.groups.ofThread(thread.id);
      const attempt = group?.attempts.find((a) => a.threadId === thread.id);
      if (!group || !attempt || attempt.finishedAt) return;
      void this.groups
        .update(group.id, (g) => withAttempt(g, attempt.k, (a) => ({ ...a, finishedAt: a.finishedAt ?? at })))
        .catch((error: unknown) => options.log(`[switchyard] attempts: could not record a finish: ${String(error)}`));
    });
    const unsubscribeRemoved = options.events.on('thread.removed', ({ threadId }) => {
      this.finishedAt.delete(threadId);
      this.forgetRemovedThread(threadId);
    });
    this.unsubscribe = () => {
      unsubscribeUpdated();
      unsubscribeRemoved();
    };
  }

  list(): AttemptGroup[] {
    return this.groups.list();
  }

  async create(request: ParsedRequestOf<'attempts.create'>): Promise<AttemptGroup> {
    this.options.state.project(request.projectId);
    const group = await createAttempts(this.options.threads, request);
    return this.groups.put({
      ...group,
      attempts: group.attempts.map((a) => ({ ...a, finishedAt: this.finishedAt.get(a.threadId ?? '') ?? null })),
    });
  }

  /**
   * A plan task's attempt whose thread the plan run made (electron/plans/app-executor.ts): recorded
   * in the task's group, which is made with the first one. The group is then compared, verified,
   * picked and restored like one made by the form. One change at a time, as attempts start together.
   */
  recordPlanAttempt(group: PlanAttemptGroup, k: number, thread: Thread, agent: AttemptAgent): Promise<AttemptGroup> {
    const record = (this.planRecords.get(group.id) ?? Promise.resolve()).then(() => {
      const attempt: Attempt = {
        k,
        threadId: thread.id,
        branch: thread.branch,
        agent,
        state: 'running',
        ref: null,
        startedAt: thread.createdAt,
        finishedAt: this.finishedAt.get(thread.id) ?? null,
        benchmark: null,
      };
      const existing = this.groups.list().find((g) => g.id === group.id);
      const base: AttemptGroup = existing ?? {
        ...group,
        baseBranch: thread.baseBranch,
        benchmarkCommand: null,
        createdAt: new Date().toISOString(),
        status: 'open',
        picked: null,
        attempts: [],
      };
      const attempts = [...base.attempts.filter((a) => a.k !== k), attempt].sort((a, b) => a.k - b.k);
      return this.groups.put({ ...base, attempts });
    });
    this.planRecords.set(
      group.id,
      record.then(
        () => undefined,
        () => undefined,
      ),
    );
    return record;
  }

  /** The group, or null when there is none with that id. */
  find(groupId: string): AttemptGroup | null {
    return this.groups.list().find((g) => g.id === groupId) ?? null;
  }

  async compare(groupId: string): Promise<AttemptComparison> {
    const group = this.groups.get(groupId);
    const project = this.options.state.project(group.projectId);
    const hazards = this.options.review.settings(project.id).hazardPatterns;
    const threads = new Map(this.options.state.threads().map((t) => [t.id, t]));
    const facts: AttemptFacts[] = await Promise.all(
      group.attempts.map((attempt) => {
        const thread = attempt.threadId ? threads.get(attempt.threadId) : undefined;
        return thread
          ? factsOfThread(this.options.review, attempt, thread)
          : factsOfRef(project.path, group, attempt, hazards);
      }),
    );
    return compareAttempts(group, facts, threads, this.groups.weights(project.id));
  }

  /** Every verification command, then the benchmark, on every attempt still in the running (attempts side by side). */
  async verifyAll(groupId: string): Promise<AttemptComparison> {
    const group = this.groups.get(groupId);
    const shell = this.options.review.settings(group.projectId).verificationShell;
    await Promise.all(
      this.liveAttempts(group).map(async ({ attempt, thread }) => {
        await verifyAttempt(this.options.review, thread.id, this.options.log);
        if (!group.benchmarkCommand || !(await pathExists(thread.worktreePath))) return;
        const benchmark = await runBenchmark(thread.worktreePath, group.benchmarkCommand, shell).catch(
          (error: unknown) => {
            this.options.log(`[switchyard] attempts: benchmark of ${thread.name} did not run: ${String(error)}`);
            return null;
          },
        );
        if (benchmark)
          await this.groups.update(groupId, (g) => withAttempt(g, attempt.k, (a) => ({ ...a, benchmark })));
      }),
    );
    return this.compare(groupId);
  }

  async diff(groupId: string, a: number, b: number): Promise<AttemptDiff> {
    const group = this.groups.get(groupId);
    const repo = this.options.state.project(group.projectId).path;
    const [tipA, tipB] = await Promise.all([this.tipOf(repo, group, a), this.tipOf(repo, group, b)]);
    return diffAttempts(repo, { label: `attempt ${a}`, tip: tipA }, { label: `attempt ${b}`, tip: tipB });
  }

  /**
   * Keeps attempt k as the thread (its branch as it is) and sets the others aside: each stopped,
   * its work pointed at by refs/switchyard/attempts/<group>/<j> first, then its thread removed
   * through the threads' safe remove path (worktree and branch; a backup ref as usual).
   */
  async pick(groupId: string, k: number): Promise<AttemptGroup> {
    return this.exclusive(groupId, async () => {
      let group = this.groups.get(groupId);
      const winner = this.liveAttempts(group).find(({ attempt }) => attempt.k === k);
      if (!winner) {
        throw new AppError(
          'invalid-request',
          `Attempt ${k} of "${group.name}" has no thread to keep (it was set aside or removed); restore it first.`,
        );
      }
      const { threads, state } = this.options;
      const repo = state.project(group.projectId).path;
      for (const { attempt, thread } of this.liveAttempts(group)) {
        if (attempt.k === k) continue;
        if (threads.isActive(thread.id)) await threads.stop(thread.id);
        const ref = attemptRefName(group.id, attempt.k);
        await keepAttemptWork(repo, thread, ref);
        await threads.remove(thread.id, true);
        group = await this.groups.update(groupId, (g) =>
          withAttempt(g, attempt.k, (a) => ({ ...a, state: 'set-aside', threadId: null, ref })),
        );
      }
      return this.groups.update(groupId, (g) => ({
        ...withAttempt(g, k, (a) => ({ ...a, state: 'picked' })),
        status: 'resolved',
        picked: k,
      }));
    });
  }

  /** A set-aside attempt back as a thread: its branch and worktree again at the kept commit, its agent not started. */
  async restore(groupId: string, k: number): Promise<AttemptGroup> {
    return this.exclusive(groupId, async () => {
      const group = this.groups.get(groupId);
      const attempt = group.attempts.find((a) => a.k === k);
      if (!attempt || attempt.state !== 'set-aside' || !attempt.ref) {
        throw new AppError(
          'invalid-request',
          `Attempt ${k} of "${group.name}" is not set aside, so there is nothing to restore.`,
        );
      }
      const repo = this.options.state.project(group.projectId).path;
      const commit = await revParse(repo, attempt.ref).catch(() => {
        throw new AppError(
          'not-found',
          `The ref ${attempt.ref} that kept attempt ${k} is gone; it cannot be restored.`,
        );
      });
      const thread = await this.options.threads.create(
        {
          projectId: group.projectId,
          name: attemptThreadName(group.name, k),
          baseBranch: group.baseBranch,
          branch: attempt.branch,
          prompt: group.prompt,
          ...(group.brief ? { brief: group.brief } : {}),
          ...attempt.agent,
        },
        { startPoint: commit, stoppedReason: `restored from ${attempt.ref}; resume it to start its agent again` },
      );
      return this.groups.update(groupId, (g) =>
        withAttempt(g, k, (a) => ({ ...a, state: 'running', threadId: thread.id })),
      );
    });
  }

  weights(projectId: string): ScoreWeights {
    return this.groups.weights(projectId);
  }

  setWeights(projectId: string, weights: ScoreWeights): Promise<ScoreWeights> {
    return this.groups.setWeights(projectId, weights);
  }

  shutdown(): void {
    this.unsubscribe();
  }

  /**
   * An attempt's thread removed by hand (not by pick, which records its own change): the attempt
   * stays listed, without a thread, so the group never points at a thread that is gone.
   */
  private forgetRemovedThread(threadId: string): void {
    const group = this.groups.ofThread(threadId);
    if (!group || this.busy.has(group.id)) return;
    void this.groups
      .update(group.id, (g) => ({
        ...g,
        attempts: g.attempts.map((a) => (a.threadId === threadId ? { ...a, threadId: null } : a)),
      }))
      .catch((error: unknown) =>
        this.options.log(`[switchyard] attempts: could not record a removal: ${String(error)}`),
      );
  }

  /** The attempts whose thread still exists, with it. */
  private liveAttempts(group: AttemptGroup): Array<{ attempt: Attempt; thread: Thread }> {
    const threads = new Map(this.options.state.threads().map((t) => [t.id, t]));
    return group.attempts.flatMap((attempt) => {
      const thread = attempt.threadId ? threads.get(attempt.threadId) : undefined;
      return thread && attempt.state !== 'set-aside' ? [{ attempt, thread }] : [];
    });
  }

  /** The commit an attempt's work is at: its branch while it has one, else its kept ref. */
  private async tipOf(repo: string, group: AttemptGroup, k: number): Promise<string> {
    const attempt = group.attempts.find((a) => a.k === k);
    if (!attempt) throw new AppError('not-found', `"${group.name}" has no attempt ${k}.`);
    const tip =
      (attempt.state !== 'set-aside' ? await tryRevParse(repo, `refs/heads/${attempt.branch}`) : null) ??
      (attempt.ref ? await tryRevParse(repo, attempt.ref) : null);
    if (!tip)
      throw new AppError('not-found', `Attempt ${k} of "${group.name}" has neither its branch nor its kept ref.`);
    return tip;
  }

  private async exclusive<T>(groupId: string, work: () => Promise<T>): Promise<T> {
    if (this.busy.has(groupId)) {
      throw new AppError('invalid-request', 'This attempt group is already being changed; wait for that to finish.');
    }
    this.busy.add(groupId);
    try {
      return await work();
    } finally {
      this.busy.delete(groupId);
    }
  }
}

function withAttempt(group: AttemptGroup, k: number, change: (attempt: Attempt) => Attempt): AttemptGroup {
  return { ...group, attempts: group.attempts.map((a) => (a.k === k ? change(a) : a)) };
}
