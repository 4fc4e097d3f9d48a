import type { CleanupItem } from '../../shared/merge-queue';
import { branchTip } from '../git/branch';
import { cleanUpLandedThread } from './cleanup-landed';
import type { QueueContext } from './queue-context';
import type { QueueViews } from './queue-views';

/** Cleaning up after landed threads: agent, worktree, branch and record, whatever is safe to remove. */
export class QueueCleanup {
  constructor(
    private readonly context: QueueContext,
    private readonly views: QueueViews,
  ) {}

  /**
   * Agent stopped, worktree removed, branch deleted only if its work is in the target; anything
   * else refused (or, with `archive`, kept under a backup ref first).
   */
  async cleanup(projectId: string, threadIds: readonly string[], archive: boolean): Promise<CleanupItem[]> {
    const project = this.context.project(projectId);
    const threads = this.context.options.threads;
    const { target } = await this.context.targetOf(projectId);
    const targetTip = await branchTip(project.path, target);
    const items: CleanupItem[] = [];
    for (const threadId of threadIds) {
      const thread = this.context.threadOf(projectId, threadId);
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
      if (threads.isActive(threadId)) {
        await threads.stop(threadId);
        removed.push('agent stopped');
      }
      const result = await cleanUpLandedThread(project.path, targetTip, thread, archive);
      if (result.fullyRemoved) {
        await threads.remove(threadId, false);
        result.removed.push('thread record');
      }
      items.push({
        subject: result.subject,
        removed: [...removed, ...result.removed],
        kept: result.kept,
        backupRefs: result.backupRefs,
      });
    }
    await this.views.changed(projectId, true);
    return items;
  }
}
