import { AppError } from '../../shared/errors';
import { type QueueSettings, QueueSettingsSchema, type QueueView } from '../../shared/merge-queue';
import type { QueueContext } from './queue-context';
import type { QueueViews } from './queue-views';

/** What is in a project's queue and in which order: settings, order, queued-anyway and skipped entries. */
export class QueueOrder {
  constructor(
    private readonly context: QueueContext,
    private readonly views: QueueViews,
  ) {}

  async setSettings(projectId: string, settings: QueueSettings): Promise<QueueView> {
    this.context.project(projectId);
    await this.context.store.update(projectId, (q) => ({ ...q, settings: QueueSettingsSchema.parse(settings) }));
    return this.views.changed(projectId, true);
  }

  async reorder(projectId: string, order: readonly string[]): Promise<QueueView> {
    this.context.project(projectId);
    await this.context.store.update(projectId, (q) => ({ ...q, order: [...new Set(order)] }));
    return this.views.changed(projectId, false);
  }

  async useSuggestedOrder(projectId: string): Promise<QueueView> {
    const view = await this.views.view(projectId);
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
    const thread = this.context.threadOf(projectId, threadId);
    await this.context.store.update(projectId, (q) => ({
      ...q,
      queuedAnyway: [...new Set([...q.queuedAnyway, thread.id])],
      skipped: q.skipped.filter((id) => id !== thread.id),
    }));
    return this.views.changed(projectId, true);
  }

  /** Takes a queued-anyway thread out again (approved threads stay; skip them instead). */
  async remove(projectId: string, threadId: string): Promise<QueueView> {
    await this.context.store.update(projectId, (q) => ({
      ...q,
      queuedAnyway: q.queuedAnyway.filter((id) => id !== threadId),
      order: q.order.filter((id) => id !== threadId),
    }));
    return this.views.changed(projectId, true);
  }

  /** Skips an entry (after a stop): it stays queued but out of "Land all". */
  async skip(projectId: string, threadId: string): Promise<QueueView> {
    this.context.threadOf(projectId, threadId);
    await this.context.store.update(projectId, (q) => ({
      ...q,
      skipped: [...new Set([...q.skipped, threadId])],
      stoppedThreadId: q.stoppedThreadId === threadId ? null : q.stoppedThreadId,
    }));
    return this.views.changed(projectId, false);
  }

  async unskip(projectId: string, threadId: string): Promise<QueueView> {
    await this.context.store.update(projectId, (q) => ({ ...q, skipped: q.skipped.filter((id) => id !== threadId) }));
    return this.views.changed(projectId, false);
  }
}
