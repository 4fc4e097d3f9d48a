import { AppError } from '../../shared/errors';
import type { HandBackOutcome } from '../../shared/merge-queue';
import { branchExists } from '../git/branch';
import { handBackToThread } from './hand-back';
import type { QueueContext } from './queue-context';
import type { QueueViews } from './queue-views';

/** Handing a stopped entry back to its thread, whose agent gets the conflicts to resolve. */
export class QueueHandBack {
  constructor(
    private readonly context: QueueContext,
    private readonly views: QueueViews,
  ) {}

  /** Rebases the thread's branch onto the target in its own worktree; conflicts go to its agent. */
  async handBack(projectId: string, threadId: string): Promise<HandBackOutcome> {
    const project = this.context.project(projectId);
    const thread = this.context.threadOf(projectId, threadId);
    const { target } = await this.context.targetOf(projectId);
    if (!(await branchExists(project.path, target))) {
      throw new AppError('not-found', `The target ${target} does not exist yet; land something into it first.`);
    }
    const threads = this.context.options.threads;
    const outcome = await handBackToThread(project.path, thread, target, {
      isRunning: () => threads.isActive(threadId),
      send: (text) => threads.sendMessage(threadId, text),
    });
    await this.context.store.update(projectId, (q) => ({
      ...q,
      stoppedThreadId: q.stoppedThreadId === threadId ? null : q.stoppedThreadId,
    }));
    await this.views.changed(projectId, true);
    return outcome;
  }
}
