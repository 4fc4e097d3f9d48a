import type {
  CleanupItem,
  HandBackOutcome,
  LandingOutcome,
  Orphans,
  QueueSettings,
  QueueView,
} from '../../shared/merge-queue';
import type { DomainServiceOptions } from '../threads/domain-service-options';
import { QueueCleanup } from './queue-cleanup';
import { QueueContext } from './queue-context';
import { QueueHandBack } from './queue-hand-back';
import { QueueLanding } from './queue-landing';
import { QueueMatrices } from './queue-matrix';
import { QueueOrder } from './queue-order';
import { type OrphanChoice, QueueOrphans } from './queue-orphans';
import { QueueStore } from './queue-store';
import { QueueViews } from './queue-views';

export type MergeQueueServiceOptions = DomainServiceOptions;

/**
 * The merge queue of each project, as the handlers see it: one entry point over its parts, each
 * with one job. Views (queue-views), the conflict matrix and when to recompute it (queue-matrix),
 * what is queued in which order (queue-order), landing and recovery (queue-landing), hand-back,
 * cleanup of landed threads and orphans. Keeps its own file (queue-store).
 */
export class MergeQueueService {
  private constructor(
    private readonly matrices: QueueMatrices,
    private readonly views: QueueViews,
    private readonly order: QueueOrder,
    private readonly landing: QueueLanding,
    private readonly handBacks: QueueHandBack,
    private readonly cleanups: QueueCleanup,
    private readonly leftovers: QueueOrphans,
    private readonly unsubscribe: () => void,
  ) {}

  /** Opens the saved queues and recovers a landing that a crash or quit interrupted. */
  static async open(options: MergeQueueServiceOptions): Promise<MergeQueueService> {
    const store = await QueueStore.open(options.dataDir);
    if (store.problem) options.log(`[switchyard] ${store.problem}`);
    const context = new QueueContext(options, store);
    // A scheduled recompute sends the view to every window.
    const matrices: QueueMatrices = new QueueMatrices(context, (projectId): Promise<QueueView> =>
      views.send(projectId),
    );
    const views = new QueueViews(context, matrices);
    const landing = new QueueLanding(context, matrices, views);
    // Recompute on what can move a tip: thread updates (an agent committed), removals; never on a timer.
    const listening = [
      options.events.on('thread.updated', (thread) => matrices.schedule(thread.projectId)),
      options.events.on('project.updated', (project) => matrices.schedule(project.id)),
    ];
    const unsubscribe = () => listening.forEach((stop) => stop());
    const service = new MergeQueueService(
      matrices,
      views,
      new QueueOrder(context, views),
      landing,
      new QueueHandBack(context, views),
      new QueueCleanup(context, views),
      new QueueOrphans(context, views),
      unsubscribe,
    );
    await landing.recoverAll();
    return service;
  }

  async shutdown(): Promise<void> {
    this.views.close();
    this.unsubscribe();
    await this.matrices.shutdown();
  }

  /** Where each thread's open blocking findings from reviewer agents are counted (the app wires the review's comments in). */
  useBlockingFindings(count: (threadId: string) => number): void {
    this.views.blockingFindings = count;
  }

  /** A thread's findings changed: the queue's view (counts, suggested order) is sent again. */
  blockingChanged(projectId: string): void {
    this.views.send(projectId).catch(() => undefined);
  }

  /** The queue as the view shows it; computes the matrix the first time. */
  view(projectId: string): Promise<QueueView> {
    return this.views.view(projectId);
  }

  /** Recomputes the matrix now (only pairs whose tips moved are merged again). */
  async refresh(projectId: string): Promise<QueueView> {
    await this.matrices.recompute(projectId);
    return this.views.build(projectId);
  }

  setSettings(projectId: string, settings: QueueSettings): Promise<QueueView> {
    return this.order.setSettings(projectId, settings);
  }

  reorder(projectId: string, order: readonly string[]): Promise<QueueView> {
    return this.order.reorder(projectId, order);
  }

  useSuggestedOrder(projectId: string): Promise<QueueView> {
    return this.order.useSuggestedOrder(projectId);
  }

  /** Queues a thread that is not approved, by explicit choice. */
  add(projectId: string, threadId: string): Promise<QueueView> {
    return this.order.add(projectId, threadId);
  }

  /** Takes a queued-anyway thread out again (approved threads stay; skip them instead). */
  remove(projectId: string, threadId: string): Promise<QueueView> {
    return this.order.remove(projectId, threadId);
  }

  /** Lands the next entry, or every entry not skipped, in order. */
  land(projectId: string, all: boolean): Promise<LandingOutcome> {
    return this.landing.land(projectId, all);
  }

  /** Skips an entry (after a stop): it stays queued but out of "Land all"; optionally lands the rest. */
  async skip(projectId: string, threadId: string, continueLanding: boolean): Promise<LandingOutcome | null> {
    const view = await this.order.skip(projectId, threadId);
    if (!continueLanding) return null;
    return view.entries.some((e) => !e.skipped) ? this.landing.land(projectId, true) : null;
  }

  unskip(projectId: string, threadId: string): Promise<QueueView> {
    return this.order.unskip(projectId, threadId);
  }

  /** Rebases the thread's branch onto the target in its own worktree; conflicts go to its agent. */
  handBack(projectId: string, threadId: string): Promise<HandBackOutcome> {
    return this.handBacks.handBack(projectId, threadId);
  }

  /**
   * Cleans up landed threads: agent stopped, worktree removed, branch deleted only if its work
   * is in the target; anything else refused (or, with `archive`, kept under a backup ref first).
   */
  cleanup(projectId: string, threadIds: readonly string[], archive: boolean): Promise<CleanupItem[]> {
    return this.cleanups.cleanup(projectId, threadIds, archive);
  }

  orphans(projectId: string): Promise<Orphans> {
    return this.leftovers.orphans(projectId);
  }

  cleanOrphans(projectId: string, choice: OrphanChoice): Promise<CleanupItem[]> {
    return this.leftovers.cleanOrphans(projectId, choice);
  }
}
