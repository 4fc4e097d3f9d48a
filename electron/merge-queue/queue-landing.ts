import { defaultChangelogPath } from '../../shared/brief';
import { AppError } from '../../shared/errors';
import type { LandingOutcome } from '../../shared/merge-queue';
import type { Project, Thread } from '../../shared/models';
import { changelogPathFor } from '../briefs/changelog-path';
import { findIntegrationWorktree } from './integration-worktree';
import { landBranches, type LandStep } from './land-branches';
import { withLandingLock } from './landing-lock';
import type { QueueContext } from './queue-context';
import type { QueueMatrices } from './queue-matrix';
import type { QueueViews } from './queue-views';
import { recoverLanding } from './recover-landing';

/**
 * Landing the queue: the chosen entries into the target, in order, with progress in the view;
 * the landed threads recorded as landed. Also finishes a landing a crash or quit interrupted.
 *
 * One landing recomputes the conflict matrix once, at its end (and once before, only when it
 * first had to finish an interrupted landing): thread updates meanwhile wait for that.
 */
export class QueueLanding {
  constructor(
    private readonly context: QueueContext,
    private readonly matrices: QueueMatrices,
    private readonly views: QueueViews,
  ) {}

  /** Lands the next entry, or every entry not skipped, in order. */
  async land(projectId: string, all: boolean): Promise<LandingOutcome> {
    const project = this.context.project(projectId);
    if (this.views.landing(projectId)?.running) {
      throw new AppError('invalid-request', 'A landing is already running for this project; wait for it to finish.');
    }
    this.matrices.hold(projectId);
    let landed: { outcome: LandingOutcome; moved: boolean };
    try {
      landed = await this.landHeld(project, all);
    } catch (error) {
      if (this.matrices.release(projectId)) this.matrices.schedule(projectId);
      throw error;
    }
    const asked = this.matrices.release(projectId);
    await this.views.changed(projectId, landed.moved || asked);
    return landed.outcome;
  }

  /** At start: finishes (or undoes) any landing a crash or quit interrupted, and says so in the view. */
  async recoverAll(): Promise<void> {
    for (const project of this.context.options.projects.list()) {
      try {
        const { target } = await this.context.targetOf(project.id);
        if (!(await findIntegrationWorktree(project.path, target))) continue;
        const message = await this.recover(project, target);
        if (message) await this.context.store.update(project.id, (q) => ({ ...q, recovery: message }));
      } catch (error) {
        this.context.log(`could not check ${project.path} for an interrupted landing: ${String(error)}`);
      }
    }
  }

  /** The landing itself, while the matrix holds still; `moved`: whether the target or the queue changed. */
  private async landHeld(project: Project, all: boolean): Promise<{ outcome: LandingOutcome; moved: boolean }> {
    const projectId = project.id;
    // An interrupted landing (the CLI's, say) is finished first, so what it landed leaves the queue.
    const recovered = await this.recover(project, (await this.context.targetOf(projectId)).target);
    if (recovered) await this.matrices.recompute(projectId);
    const view = await this.views.view(projectId);
    const entries = view.entries.filter((e) => !e.skipped);
    const chosen = all ? entries : entries.slice(0, 1);
    if (chosen.length === 0) {
      throw new AppError(
        'invalid-request',
        `Nothing to land into ${view.target}: no approved (or queued) thread is waiting.`,
      );
    }
    const { settings, queuedAnyway } = this.context.store.get(projectId);
    // An approval covers the commit it was given on: later commits have not been reviewed.
    const stale = chosen.filter((e) => e.approvalStale && !queuedAnyway.includes(e.threadId));
    if (stale.length > 0) {
      throw new AppError(
        'invalid-request',
        `${stale.map((e) => `"${e.name}"`).join(', ')} gained commits after ${stale.length === 1 ? 'it was' : 'they were'} approved. ` +
          'Review and approve again, skip, or queue anyway to land the new commits unreviewed. Nothing was landed.',
      );
    }
    const threads = new Map(this.context.projectThreads(projectId).map((t) => [t.branch, t]));
    const progress = (branch: string | null, step: LandStep) =>
      this.views.showProgress({ projectId, running: step !== 'done', branch, step });
    progress(null, 'preparing');
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
        onProgress: progress,
        onOutput: (branch, data) => this.context.options.events.emit('mergeQueue.output', { projectId, branch, data }),
      });
    } finally {
      this.views.clearProgress(projectId);
    }
    // The matrix goes stale when entries leave the queue (landed, even without a commit) or the
    // target is not where it was computed against (moved, or made by this landing).
    const { matrix } = view;
    const moved = outcome.landed.length > 0 || matrix?.target !== outcome.target || matrix.targetTip !== outcome.after;
    await this.recordLanded(
      outcome.landed.flatMap((branch) => {
        const thread = threads.get(branch);
        const commit = outcome.commits[branch];
        return thread && commit ? [{ thread, commit }] : [];
      }),
      view.target,
    );
    if (recovered) outcome = { ...outcome, recovered: outcome.recovered ?? recovered };
    const stoppedThread = outcome.stopped ? (threads.get(outcome.stopped.branch)?.id ?? null) : null;
    const last = outcome;
    await this.context.store.update(projectId, (q) => ({
      ...q,
      lastOutcome: last,
      stoppedThreadId: stoppedThread,
      recovery: null,
    }));
    if (outcome.recovered) this.context.log(outcome.recovered);
    return { outcome, moved };
  }

  /**
   * Recovers an interrupted landing into `target` (under the landing lock): the entries it had
   * landed are recorded as landed, so they leave the queue. Returns what was done, if anything.
   */
  private async recover(project: Project, target: string): Promise<string | null> {
    const recovery = await withLandingLock(project.path, target, () => recoverLanding(project.path, target));
    if (!recovery) return null;
    this.context.log(recovery.message);
    const repoThreads = this.context.repoThreads(project);
    await this.recordLanded(
      recovery.landed.flatMap(({ branch, commit }) =>
        repoThreads
          .filter((t) => t.branch === branch && t.merged?.into !== target)
          .map((thread) => ({ thread, commit })),
      ),
      target,
    );
    return recovery.message;
  }

  /** Records on each thread that its branch landed into `into` with `commit`. */
  private async recordLanded(landed: ReadonlyArray<{ thread: Thread; commit: string }>, into: string): Promise<void> {
    const at = new Date().toISOString();
    for (const { thread, commit } of landed) {
      await this.context.options.threads.recordMerged(thread.id, { commit, into, at });
    }
  }
}
