import type { CleanupItem, Orphans } from '../../shared/merge-queue';
import { deleteOrphanBranch, findOrphans, pruneVanishedWorktrees } from './find-orphans';
import type { QueueContext } from './queue-context';
import type { QueueViews } from './queue-views';

export interface OrphanChoice {
  readonly prune: boolean;
  readonly branches: readonly string[];
  readonly threadIds: readonly string[];
}

/** Leftovers in a project's repository (vanished worktrees, ownerless branches, folderless threads), and their removal. */
export class QueueOrphans {
  constructor(
    private readonly context: QueueContext,
    private readonly views: QueueViews,
  ) {}

  async orphans(projectId: string): Promise<Orphans> {
    const project = this.context.project(projectId);
    const { target } = await this.context.targetOf(projectId);
    return findOrphans(project.path, this.context.knownThreads(project), target);
  }

  /** Removes the chosen ones, each only if it still is an orphan. */
  async cleanOrphans(projectId: string, choice: OrphanChoice): Promise<CleanupItem[]> {
    const project = this.context.project(projectId);
    const { target } = await this.context.targetOf(projectId);
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
      const outcome = await this.context.options.threads.remove(threadId, true);
      items.push({
        subject: orphan.name,
        removed: ['thread record', ...(outcome.branchDeleted ? ['its branch'] : [])],
        kept: [],
        backupRefs: outcome.backupRef ? [outcome.backupRef] : [],
      });
    }
    await this.views.changed(projectId, true);
    return items;
  }
}
