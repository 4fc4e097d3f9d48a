import { access } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { RemoveOutcome, Thread } from '../../shared/models';
import { branchExists, branchTip, countCommitsNotIn, deleteBranch } from '../git/branch';
import { updateRef } from '../git/refs';
import { pruneWorktrees, removeWorktree } from '../git/worktree';
import { uncommittedPaths } from '../git/status';
import { snapshotUncommitted } from '../git/snapshot';

export interface UnsavedWork {
  readonly uncommittedFiles: string[];
  /** Commits on the branch that its base does not have (null: base branch is gone, so unknown). */
  readonly unmergedCommits: number | null;
}

export async function findUnsavedWork(repo: string, thread: Thread): Promise<UnsavedWork> {
  const worktreePresent = await folderExists(thread.worktreePath);
  const uncommittedFiles = worktreePresent ? await uncommittedPaths(thread.worktreePath) : [];
  let unmergedCommits: number | null = 0;
  if (await branchExists(repo, thread.branch)) {
    unmergedCommits = (await branchExists(repo, thread.baseBranch))
      ? await countCommitsNotIn(repo, thread.branch, thread.baseBranch)
      : null;
  }
  return { uncommittedFiles, unmergedCommits };
}

function hasUnsavedWork(work: UnsavedWork): boolean {
  return work.uncommittedFiles.length > 0 || work.unmergedCommits !== 0;
}

/**
 * Removes a thread's worktree and branch. Work that exists nowhere else is refused unless the
 * caller chose to discard it, and even then a backup ref keeps it (uncommitted files included).
 */
export async function removeThreadFromDisk(repo: string, thread: Thread, discard: boolean): Promise<RemoveOutcome> {
  const work = await findUnsavedWork(repo, thread);
  if (hasUnsavedWork(work) && !discard) {
    const parts: string[] = [];
    if (work.uncommittedFiles.length) parts.push(`${work.uncommittedFiles.length} uncommitted file(s)`);
    if (work.unmergedCommits === null) parts.push(`commits whose base branch "${thread.baseBranch}" no longer exists`);
    else if (work.unmergedCommits > 0)
      parts.push(`${work.unmergedCommits} commit(s) not merged into ${thread.baseBranch}`);
    throw new AppError(
      'unsaved-work',
      `"${thread.name}" has ${parts.join(' and ')}. Merge it first, or choose to discard (a backup ref will keep the work).`,
      { uncommittedFiles: work.uncommittedFiles, unmergedCommits: work.unmergedCommits ?? -1 },
    );
  }

  let backupRef: string | null = null;
  const branchPresent = await branchExists(repo, thread.branch);
  if (hasUnsavedWork(work)) {
    const snapshot = work.uncommittedFiles.length
      ? await snapshotUncommitted(thread.worktreePath, `Switchyard backup of uncommitted work in "${thread.name}"`)
      : null;
    const target = snapshot ?? (branchPresent ? await branchTip(repo, thread.branch) : null);
    if (target) {
      backupRef = `refs/switchyard/backups/${thread.branch}/${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await updateRef(repo, backupRef, target, null, `switchyard: backup before removing thread ${thread.name}`);
    }
  }

  let worktreeRemoved = false;
  if (await folderExists(thread.worktreePath)) {
    await removeWorktree(repo, thread.worktreePath, work.uncommittedFiles.length > 0);
    worktreeRemoved = true;
  } else {
    await pruneWorktrees(repo);
  }

  let branchDeleted = false;
  if (branchPresent) {
    // Safe to force: either nothing is unmerged, or it was just saved under backupRef.
    await deleteBranch(repo, thread.branch, true);
    branchDeleted = true;
  }
  return { threadId: thread.id, worktreeRemoved, branchDeleted, backupRef };
}

export async function folderExists(folder: string): Promise<boolean> {
  try {
    await access(folder);
    return true;
  } catch {
    return false;
  }
}
