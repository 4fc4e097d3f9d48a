import { AppError } from '../../shared/errors';
import {
  type CleanupItem,
  type ConflictMatrix,
  type HandBackOutcome,
  integrationBranchName,
  type LandingOutcome,
  type LandingProgress,
  type Orphans,
  type QueueSettings,
  QueueSettingsSchema,
  type QueueView,
} from '../../shared/merge-queue';
import type { Project, Thread } from '../../shared/models';
import type { DomainServiceOptions } from '../app/domain-service-options';
import { changelogPathFor } from '../briefs/changelog-path';
import { defaultChangelogPath } from '../../shared/brief';
import { branchExists, branchTip, branchTipIfAny } from '../git/branch';
import { currentBranch } from '../git/repo';
import { cleanUpLandedThread } from './cleanup-landed';
import { computeConflictMatrix } from './conflict-matrix';
import { deleteOrphanBranch, findOrphans, pruneVanishedWorktrees } from './find-orphans';
import { handBackToThread } from './hand-back';
import { findIntegrationWorktree } from './integration-worktree';
import { landBranches, type LandStep } from './land-branches';
import { withLandingLock } from './landing-lock';
import { entryViews, orderedThreads, queuedThreads } from './queue-entries';
import { QueueStore } from './queue-store';
import { recoverLanding } from './recover-landing';
import { type OrderSuggestion, suggestOrder } from './suggest-order';
import { VerdictCache } from './verdict-cache';

export type MergeQueueServiceOptions = DomainServiceOptions;

/** Thread updates come in bursts (status changes): the matrix is recomputed once they settle. */
const recomputeDelayMs = 300;

/** Per project: the landing queue, the conflict matrix, landing itself and cleanup. Keeps its own file. */
export class MergeQueueService {
  private readonly caches = new Map<string, VerdictCache>();
  private readonly matrices = new Map<string, ConflictMatrix>();
  private readonly matrixErrors = new Map<string, string>();
  private readonly landing = new Map<string, LandingProgress>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly recomputing = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;
  private closed = false;

  private constructor(
    private readonly options: MergeQueueServiceOptions,
    private readonly store: QueueStore,
  ) {
    // Recompute on what can move a tip: thread updates (an agent committed), removals; never on a timer.
    this.unsubscribe = options.events.subscribe((event, payload) => {
      if (event === 'thread.updated') this.scheduleRecompute((payload as Thread).projectId);
      if (event === 'project.updated') this.scheduleRecompute((payload as Project).id);
    });
  }

  /** Opens the saved queues and recovers a landing that a crash or quit interrupted. */
  static async open(options: MergeQueueServiceOptions): Promise<MergeQueueService> {
    const store = await QueueStore.open(options.dataDir);
    if (store.problem) options.log(`[switchyard] ${store.problem}`);
    const service = new MergeQueueService(options, store);
    await service.recoverAll();
    return service;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.recomputing.values()]);
  }

  /** The queue as the view shows it; computes the matrix the first time. */
  async view(projectId: string): Promise<QueueView> {
    if (!this.matrices.has(projectId) && !this.matrixErrors.has(projectId)) await this.recompute(projectId);
    return this.buildView(projectId);
  }

  async setSettings(projectId: string, settings: QueueSettings): Promise<QueueView> {
    this.project(projectId);
    await this.store.update(projectId, (q) => ({ ...q, settings: QueueSettingsSchema.parse(settings) }));
    return this.changed(projectId, true);
  }

  async reorder(projectId: string, order: readonly string[]): Promise<QueueView> {
    this.project(projectId);
    await this.store.update(projectId, (q) => ({ ...q, order: [...new Set(order)] }));
    return this.changed(projectId, false);
  }

  async useSuggestedOrder(projectId: string): Promise<QueueView> {
    const view = await this.view(projectId);
    if (!view.suggestedOrder) {
      throw new AppError(
        'invalid-request',
        `No order can be suggested: the briefs declare a dependency cycle (${view.cycle?.join(' → ')}). Fix a brief or order the queue by hand.`,
      );
    }
    return this.reorder(projectId, view.suggestedOrder);
  }

  /** Queues a thread that is not approved, by explicit choice. */
  async add(projectId: string, threadId: string): Promise<QueueView> {
    const thread = this.threadOf(projectId, threadId);
    await this.store.update(projectId, (q) => ({
      ...q,
      queuedAnyway: [...new Set([...q.queuedAnyway, thread.id])],
      skipped: q.skipped.filter((id) => id !== thread.id),
    }));
    return this.changed(projectId, true);
  }

  /** Takes a queued-anyway thread out again (approved threads stay; skip them instead). */
  async remove(projectId: string, threadId: string): Promise<QueueView> {
    await this.store.update(projectId, (q) => ({
      ...q,
      queuedAnyway: q.queuedAnyway.filter((id) => id !== threadId),
      order: q.order.filter((id) => id !== threadId),
    }));
    return this.changed(projectId, true);
  }

  async refresh(projectId: string): Promise<QueueView> {
    await this.recompute(projectId);
    return this.buildView(projectId);
  }

  /** Lands the next entry, or every entry not skipped, in order. */
  async land(projectId: string, all: boolean): Promise<LandingOutcome> {
    const project = this.project(projectId);
    if (this.landing.get(projectId)?.running) {
      throw new AppError('invalid-request', 'A landing is already running for this project; wait for it to finish.');
    }
    // An interrupted landing (the CLI's, say) is finished first, so what it landed leaves the queue.
    const recovered = await this.recover(project, (await this.targetOf(projectId)).target);
    if (recovered) await this.recompute(projectId);
    const view = await this.view(projectId);
    const entries = view.entries.filter((e) => !e.skipped);
    const chosen = all ? entries : entries.slice(0, 1);
    if (chosen.length === 0) {
      throw new AppError(
        'invalid-request',
        `Nothing to land into ${view.target}: no approved (or queued) thread is waiting.`,
      );
    }
    const { settings, queuedAnyway } = this.store.get(projectId);
    // An approval covers the commit it was given on: later commits have not been reviewed.
    const stale = chosen.filter((e) => e.approvalStale && !queuedAnyway.includes(e.threadId));
    if (stale.length > 0) {
      throw new AppError(
        'invalid-request',
        `${stale.map((e) => `"${e.name}"`).join(', ')} gained commits after ${stale.length === 1 ? 'it was' : 'they were'} approved. ` +
          'Review and approve again, skip, or queue anyway to land the new commits unreviewed. Nothing was landed.',
      );
    }
    const threads = new Map(this.projectThreads(projectId).map((t) => [t.branch, t]));
    this.setProgress(projectId, null, 'preparing');
    let outcome: LandingOutcome;
    try {
      outcome = await landBranches({
        repo: project.path,
        target: view.target,
        entries: chosen.map((e) => {
          const thread = threads.get(e.branch);
          const fragment = thread?.brief ? changelogPathFor(thread.brief, e.name) : defaultChangelogPath(e.name);
          return { branch: e.branch, label: e.name, fragments: [fragment] };
        }),
        mode: settings.mode,
        verify: settings.verify,
        worktreeRoot: project.worktreeRoot,
        changelog: settings.changelog,
        createFrom: settings.integrationName ? view.base : null,
        onProgress: (branch, step) => this.setProgress(projectId, branch, step),
        onOutput: (branch, data) => this.options.events.emit('mergeQueue.output', { projectId, branch, data }),
      });
    } finally {
      this.landing.delete(projectId);
    }
    const at = new Date().toISOString();
    for (const branch of outcome.landed) {
      const thread = threads.get(branch);
      const commit = outcome.commits[branch];
      if (thread && commit) {
        await this.options.threads.patch(thread.id, (t) => ({ ...t, merged: { commit, into: view.target, at } }));
      }
    }
    if (recovered) outcome = { ...outcome, recovered: outcome.recovered ?? recovered };
    const stoppedThread = outcome.stopped ? (threads.get(outcome.stopped.branch)?.id ?? null) : null;
    const last = outcome;
    await this.store.update(projectId, (q) => ({
      ...q,
      lastOutcome: last,
      stoppedThreadId: stoppedThread,
      recovery: null,
    }));
    if (outcome.recovered) this.options.log(`[switchyard] ${outcome.recovered}`);
    await this.changed(projectId, true);
    return outcome;
  }

  /** Skips an entry (after a stop): it stays queued but out of "Land all"; optionally lands the rest. */
  async skip(projectId: string, threadId: string, continueLanding: boolean): Promise<LandingOutcome | null> {
    this.threadOf(projectId, threadId);
    await this.store.update(projectId, (q) => ({
      ...q,
      skipped: [...new Set([...q.skipped, threadId])],
      stoppedThreadId: q.stoppedThreadId === threadId ? null : q.stoppedThreadId,
    }));
    await this.changed(projectId, false);
    if (!continueLanding) return null;
    const remaining = (await this.view(projectId)).entries.filter((e) => !e.skipped);
    return remaining.length ? this.land(projectId, true) : null;
  }

  async unskip(projectId: string, threadId: string): Promise<QueueView> {
    await this.store.update(projectId, (q) => ({ ...q, skipped: q.skipped.filter((id) => id !== threadId) }));
    return this.changed(projectId, false);
  }

  /** Rebases the thread's branch onto the target in its own worktree; conflicts go to its agent. */
  async handBack(projectId: string, threadId: string): Promise<HandBackOutcome> {
    const project = this.project(projectId);
    const thread = this.threadOf(projectId, threadId);
    const { target } = await this.targetOf(projectId);
    if (!(await branchExists(project.path, target))) {
      throw new AppError('not-found', `The target ${target} does not exist yet; land something into it first.`);
    }
    const threads = this.options.threads;
    const outcome = await handBackToThread(project.path, thread, target, {
      isRunning: () => threads.isActive(threadId),
      send: (text) => threads.sendMessage(threadId, text),
    });
    await this.store.update(projectId, (q) => ({
      ...q,
      stoppedThreadId: q.stoppedThreadId === threadId ? null : q.stoppedThreadId,
    }));
    await this.changed(projectId, true);
    return outcome;
  }

  /**
   * Cleans up landed threads: agent stopped, worktree removed, branch deleted only if its work
   * is in the target; anything else refused (or, with `archive`, kept under a backup ref first).
   */
  async cleanup(projectId: string, threadIds: readonly string[], archive: boolean): Promise<CleanupItem[]> {
    const project = this.project(projectId);
    const { target } = await this.targetOf(projectId);
    const targetTip = await branchTip(project.path, target);
    const items: CleanupItem[] = [];
    for (const threadId of threadIds) {
      const thread = this.threadOf(projectId, threadId);
      if (thread.merged?.into !== target) {
        items.push({
          subject: thread.name,
          removed: [],
          kept: [`not landed into ${target}; nothing removed`],
          backupRefs: [],
        });
        continue;
      }
      const removed: string[] = [];
      if (this.options.threads.isActive(threadId)) {
        await this.options.threads.stop(threadId);
        removed.push('agent stopped');
      }
      const result = await cleanUpLandedThread(project.path, targetTip, thread, archive);
      if (result.fullyRemoved) {
        await this.options.threads.remove(threadId, false);
        result.removed.push('thread record');
      }
      items.push({
        subject: result.subject,
        removed: [...removed, ...result.removed],
        kept: result.kept,
        backupRefs: result.backupRefs,
      });
    }
    await this.changed(projectId, true);
    return items;
  }

  async orphans(projectId: string): Promise<Orphans> {
    const project = this.project(projectId);
    const { target } = await this.targetOf(projectId);
    return findOrphans(project.path, this.repoThreads(project), target);
  }

  async cleanOrphans(
    projectId: string,
    choice: { prune: boolean; branches: readonly string[]; threadIds: readonly string[] },
  ): Promise<CleanupItem[]> {
    const project = this.project(projectId);
    const { target } = await this.targetOf(projectId);
    const found = await this.orphans(projectId);
    const items: CleanupItem[] = [];
    if (choice.prune) items.push(await pruneVanishedWorktrees(project.path));
    for (const branch of choice.branches) {
      if (!found.branches.some((b) => b.branch === branch)) {
        items.push({
          subject: branch,
          removed: [],
          kept: [`branch ${branch}: not an orphan (a thread owns it, or it is checked out)`],
          backupRefs: [],
        });
        continue;
      }
      items.push(await deleteOrphanBranch(project.path, branch, target));
    }
    for (const threadId of choice.threadIds) {
      const orphan = found.threads.find((t) => t.threadId === threadId);
      if (!orphan) {
        items.push({
          subject: threadId,
          removed: [],
          kept: ['its worktree still exists; not an orphan'],
          backupRefs: [],
        });
        continue;
      }
      // The folder is gone; unmerged commits on its branch are kept under a backup ref.
      const outcome = await this.options.threads.remove(threadId, true);
      items.push({
        subject: orphan.name,
        removed: ['thread record', ...(outcome.branchDeleted ? ['its branch'] : [])],
        kept: [],
        backupRefs: outcome.backupRef ? [outcome.backupRef] : [],
      });
    }
    await this.changed(projectId, true);
    return items;
  }

  // --- internals ---

  /** At start: finishes (or undoes) any landing a crash or quit interrupted, and says so in the view. */
  private async recoverAll(): Promise<void> {
    for (const project of this.options.projects.list()) {
      try {
        const { target } = await this.targetOf(project.id);
        if (!(await findIntegrationWorktree(project.path, target))) continue;
        const message = await this.recover(project, target);
        if (message) await this.store.update(project.id, (q) => ({ ...q, recovery: message }));
      } catch (error) {
        this.options.log(`[switchyard] could not check ${project.path} for an interrupted landing: ${String(error)}`);
      }
    }
  }

  /**
   * Recovers an interrupted landing into `target` (under the landing lock): the entries it had
   * landed are recorded as landed, so they leave the queue. Returns what was done, if anything.
   */
  private async recover(project: Project, target: string): Promise<string | null> {
    const recovery = await withLandingLock(project.path, target, () => recoverLanding(project.path, target));
    if (!recovery) return null;
    this.options.log(`[switchyard] ${recovery.message}`);
    const at = new Date().toISOString();
    const repoThreads = this.options.state
      .threads()
      .filter((t) => this.options.projects.list().some((p) => p.id === t.projectId && p.path === project.path));
    for (const { branch, commit } of recovery.landed) {
      for (const thread of repoThreads.filter((t) => t.branch === branch && t.merged?.into !== target)) {
        await this.options.threads.patch(thread.id, (t) => ({ ...t, merged: { commit, into: target, at } }));
      }
    }
    return recovery.message;
  }

  private project(projectId: string): Project {
    return this.options.projects.get(projectId);
  }

  private projectThreads(projectId: string): Thread[] {
    return this.options.state.threads().filter((t) => t.projectId === projectId);
  }

  /** Every thread on the same repository (a repo opened twice is still one set of branches). */
  private repoThreads(project: Project) {
    const projectIds = new Set(
      this.options.projects
        .list()
        .filter((p) => p.path === project.path)
        .map((p) => p.id),
    );
    return this.options.state
      .threads()
      .filter((t) => projectIds.has(t.projectId))
      .map((t) => ({ threadId: t.id, name: t.name, branch: t.branch, worktreePath: t.worktreePath }));
  }

  private threadOf(projectId: string, threadId: string): Thread {
    const thread = this.options.state.thread(threadId);
    if (thread.projectId !== projectId) {
      throw new AppError('invalid-request', `The thread "${thread.name}" belongs to another project.`);
    }
    return thread;
  }

  /** The base (setting, else the main checkout's branch) and the target (the base or integration/<name>). */
  private async targetOf(projectId: string): Promise<{ base: string; target: string }> {
    const project = this.project(projectId);
    const { settings } = this.store.get(projectId);
    const base = settings.base ?? (await currentBranch(project.path)) ?? project.currentBranch ?? 'main';
    return { base, target: settings.integrationName ? integrationBranchName(settings.integrationName) : base };
  }

  private scheduleRecompute(projectId: string): void {
    if (this.closed || !this.matrices.has(projectId)) return;
    clearTimeout(this.timers.get(projectId));
    this.timers.set(
      projectId,
      setTimeout(() => {
        this.timers.delete(projectId);
        // Whichever step fails (the recompute, or the view after it, e.g. the repository went
        // away meanwhile) is logged: a background refresh must never become an unhandled rejection.
        this.recompute(projectId)
          .then(() => (this.closed ? undefined : this.emitView(projectId)))
          .catch((error: unknown) => this.options.log(`[switchyard] merge queue: ${String(error)}`));
      }, recomputeDelayMs),
    );
  }

  /** Recomputes the matrix of the project's queue (only pairs whose tips moved are merged again). */
  private recompute(projectId: string): Promise<void> {
    const running = this.recomputing.get(projectId);
    if (running) return running.then(() => this.recompute(projectId));
    const job = (async () => {
      const project = this.project(projectId);
      const queue = this.store.get(projectId);
      const { base, target } = await this.targetOf(projectId);
      const against = (await branchExists(project.path, target)) ? target : base;
      const branches = [];
      for (const t of queuedThreads(this.projectThreads(projectId), queue, target)) {
        if (await branchExists(project.path, t.branch)) branches.push(t.branch);
      }
      const cache = this.caches.get(project.path) ?? new VerdictCache();
      this.caches.set(project.path, cache);
      try {
        this.matrices.set(projectId, await computeConflictMatrix(project.path, against, branches, cache));
        this.matrixErrors.delete(projectId);
      } catch (error) {
        this.matrixErrors.set(projectId, error instanceof Error ? error.message : String(error));
      }
    })().finally(() => this.recomputing.delete(projectId));
    this.recomputing.set(projectId, job);
    return job;
  }

  private async buildView(projectId: string): Promise<QueueView> {
    const project = this.project(projectId);
    const queue = this.store.get(projectId);
    const { base, target } = await this.targetOf(projectId);
    const all = this.projectThreads(projectId);
    const queued = queuedThreads(all, queue, target);
    const matrix = this.matrices.get(projectId) ?? null;
    const suggestion: OrderSuggestion | null = matrix
      ? suggestOrder(
          queued.map((t) => ({
            id: t.id,
            name: t.name,
            dependsOn: t.brief?.dependsOn ?? [],
            files: matrix.files[t.branch] ?? [],
          })),
        )
      : null;
    const ordered = orderedThreads(queued, queue, suggestion);
    const targetTip = await branchTipIfAny(project.path, target);
    return {
      projectId,
      settings: queue.settings,
      target,
      base,
      targetTip,
      entries: entryViews(ordered, queue, matrix, suggestion, all),
      candidates: all
        .filter((t) => !t.archived && !queued.includes(t) && t.merged?.into !== target)
        .map((t) => ({ threadId: t.id, name: t.name, branch: t.branch, reviewState: t.review.state })),
      matrix,
      matrixError: this.matrixErrors.get(projectId) ?? null,
      suggestedOrder: suggestion?.order ?? null,
      cycle: suggestion?.cycle ?? null,
      landing: this.landing.get(projectId) ?? null,
      lastOutcome: queue.lastOutcome,
      recovery: queue.recovery,
      stoppedThreadId: queue.stoppedThreadId,
      landed: all
        .filter((t) => t.merged?.into === target)
        .map((t) => ({ threadId: t.id, name: t.name, branch: t.branch })),
    };
  }

  private setProgress(projectId: string, branch: string | null, step: LandStep): void {
    this.landing.set(projectId, { projectId, running: step !== 'done', branch, step });
    this.emitView(projectId).catch((error: unknown) => this.options.log(`[switchyard] merge queue: ${String(error)}`));
  }

  private async changed(projectId: string, recompute: boolean): Promise<QueueView> {
    if (recompute) await this.recompute(projectId);
    return this.emitView(projectId);
  }

  private async emitView(projectId: string): Promise<QueueView> {
    const view = await this.buildView(projectId);
    if (!this.closed) this.options.events.emit('mergeQueue.updated', view);
    return view;
  }
}
