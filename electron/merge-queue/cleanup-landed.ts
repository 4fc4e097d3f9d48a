import { plural } from '../../shared/plural';
import type { CleanupItem } from '../../shared/merge-queue';
import { branchExists, branchTip, deleteBranch } from '../git/branch';
import { backupRefName, updateRef } from '../git/refs';
import { snapshotUncommitted } from '../git/snapshot';
import { uncommittedPaths } from '../git/status';
import { pruneWorktrees, removeWorktree } from '../git/worktree';
import { pathExists } from '../fs/path-exists';
import { mergedState } from './branch-merged';

export interface LandedThread {
  readonly name: string;
  readonly branch: string;
  readonly worktreePath: string;
}

export interface CleanupResult extends CleanupItem {
  /** Both the worktree and the branch are gone: the thread record can go too. */
  readonly fullyRemoved: boolean;
}

/**
 * Removes a landed thread's worktree and branch (its agent already stopped). The branch goes only
 * if its work is in the target; a worktree with uncommitted files, or a branch with work the target
 * lacks, is refused, unless `archive` was chosen: then it is kept under a backup ref first.
 */
export async function cleanUpLandedThread(
  repo: string,
  targetTip: string,
  thread: LandedThread,
  archive: boolean,
): Promise<CleanupResult> {
  const removed: string[] = [];
  const kept: string[] = [];
  const backupRefs: string[] = [];
  let worktreeGone = !(await pathExists(thread.worktreePath));

  if (!worktreeGone) {
    const dirty = await uncommittedPaths(thread.worktreePath);
    if (dirty.length && !archive) {
      kept.push(
        `worktree ${thread.worktreePath}: ${plural(dirty.length, 'uncommitted file')} (${dirty.slice(0, 3).join(', ')})`,
      );
    } else {
      if (dirty.length) {
        const snapshot = await snapshotUncommitted(thread.worktreePath, `Switchyard archive of "${thread.name}"`);
        if (snapshot) {
          const ref = backupRefName(thread.branch, 'worktree');
          await updateRef(repo, ref, snapshot, null, `switchyard: archive uncommitted work of ${thread.name}`);
          backupRefs.push(ref);
        }
      }
      await removeWorktree(repo, thread.worktreePath, dirty.length > 0);
      removed.push(`worktree ${thread.worktreePath}${dirty.length ? ' (uncommitted files archived)' : ''}`);
      worktreeGone = true;
    }
  } else {
    await pruneWorktrees(repo);
  }

  let branchGone = !(await branchExists(repo, thread.branch));
  if (!branchGone && !worktreeGone) {
    kept.push(`branch ${thread.branch}: still checked out in the kept worktree`);
  } else if (!branchGone) {
    const tip = await branchTip(repo, thread.branch);
    const state = await mergedState(repo, tip, targetTip);
    if (state === 'unmerged' && !archive) {
      kept.push(`branch ${thread.branch}: has commits the target does not contain`);
    } else {
      // Landed by squash or rebase (other commits), or archived by choice: keep the tip reachable.
      if (state !== 'ancestor') {
        const ref = backupRefName(thread.branch);
        await updateRef(repo, ref, tip, null, `switchyard: backup before deleting ${thread.branch}`);
        backupRefs.push(ref);
      }
      await deleteBranch(repo, thread.branch, true);
      const why =
        state === 'ancestor' ? 'fully merged' : state === 'content' ? 'its changes are in the target' : 'archived';
      removed.push(`branch ${thread.branch} (${why})`);
      branchGone = true;
    }
  }
  return { subject: thread.name, removed, kept, backupRefs, fullyRemoved: worktreeGone && branchGone };
}
