import type { LandingProgress, QueueView } from '../../shared/merge-queue';
import { branchTipIfAny } from '../git/branch';
import type { QueueContext } from './queue-context';
import { entryViews, orderedThreads, queuedThreads } from './queue-entries';
import type { QueueMatrices } from './queue-matrix';
import { suggestOrder } from './suggest-order';

/**
 * The queue as windows see it: built from the queue file, the threads and the matrix, and sent
 * to every window when it changes. A landing's progress goes out on the last view sent, without
 * building it again.
 */
export class QueueViews {
  private readonly progress = new Map<string, LandingProgress>();
  /** The last view sent per project, which a progress step is sent on. */
  private readonly sent = new Map<string, QueueView>();
  private closed = false;
  /** Open blocking findings from reviewer agents per thread (none until the app wires the review in). */
  blockingFindings: (threadId: string) => number = () => 0;

  constructor(
    private readonly context: QueueContext,
    private readonly matrices: QueueMatrices,
  ) {}

  /** The queue as the view shows it; computes the matrix the first time. */
  async view(projectId: string): Promise<QueueView> {
    if (!this.matrices.known(projectId)) await this.matrices.recompute(projectId);
    return this.build(projectId);
  }

  /** After a change: the matrix recomputed first if it can have moved, then the view sent and returned. */
  async changed(projectId: string, recompute: boolean): Promise<QueueView> {
    if (recompute) {
      this.matrices.cancelScheduled(projectId);
      await this.matrices.recompute(projectId);
    }
    return this.send(projectId);
  }

  /** Builds the view and sends it to every window. */
  async send(projectId: string): Promise<QueueView> {
    // A landing step that came while it was built is the one to show.
    const view = { ...(await this.build(projectId)), landing: this.landing(projectId) };
    if (!this.closed) {
      this.sent.set(projectId, view);
      this.context.options.events.emit('mergeQueue.updated', view);
    }
    return view;
  }

  /** The landing running for the project, if any. */
  landing(projectId: string): LandingProgress | null {
    return this.progress.get(projectId) ?? null;
  }

  /** A landing's step: sent alone; windows put it on the view they have (nothing else in it changed). */
  showProgress(progress: LandingProgress): void {
    const previous = this.progress.get(progress.projectId);
    if (previous && JSON.stringify(previous) === JSON.stringify(progress)) return;
    this.progress.set(progress.projectId, progress);
    const last = this.sent.get(progress.projectId);
    if (this.closed) return;
    if (!last) {
      this.send(progress.projectId).catch((error: unknown) => this.context.log(`merge queue: ${String(error)}`));
      return;
    }
    this.sent.set(progress.projectId, { ...last, landing: progress });
    this.context.options.events.emit('mergeQueue.progress', progress);
  }

  /** The landing ended; the caller sends the view that shows its outcome. */
  clearProgress(projectId: string): void {
    this.progress.delete(projectId);
  }

  close(): void {
    this.closed = true;
  }

  async build(projectId: string): Promise<QueueView> {
    const project = this.context.project(projectId);
    const queue = this.context.store.get(projectId);
    const { base, target } = await this.context.targetOf(projectId);
    const all = this.context.projectThreads(projectId);
    const queued = queuedThreads(all, queue, target);
    const matrix = this.matrices.matrix(projectId);
    const suggestion = matrix
      ? suggestOrder(
          queued.map((t) => ({
            id: t.id,
            name: t.name,
            dependsOn: t.brief?.dependsOn ?? [],
            files: matrix.files[t.branch] ?? [],
            blocking: this.blockingFindings(t.id),
          })),
        )
      : null;
    const ordered = orderedThreads(queued, queue, suggestion);
    return {
      projectId,
      settings: queue.settings,
      target,
      base,
      targetTip: await branchTipIfAny(project.path, target),
      entries: entryViews(ordered, queue, matrix, suggestion, all, this.blockingFindings),
      candidates: all
        .filter((t) => !t.archived && !queued.includes(t) && t.merged?.into !== target)
        .map((t) => ({ threadId: t.id, name: t.name, branch: t.branch, reviewState: t.review.state })),
      matrix,
      matrixError: this.matrices.error(projectId),
      suggestedOrder: suggestion?.order ?? null,
      cycle: suggestion?.cycle ?? null,
      landing: this.landing(projectId),
      lastOutcome: queue.lastOutcome,
      recovery: queue.recovery,
      stoppedThreadId: queue.stoppedThreadId,
      landed: all
        .filter((t) => t.merged?.into === target)
        .map((t) => ({ threadId: t.id, name: t.name, branch: t.branch })),
    };
  }
}
