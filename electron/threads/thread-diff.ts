import { AppError } from '../../shared/errors';
import type { Thread, ThreadDiff } from '../../shared/models';
import { branchExists } from '../git/branch';
import { committedDiff, uncommittedDiff } from '../git/diff';
import { commitsBetween } from '../git/log';
import { mergeBase, revParse } from '../git/refs';
import { folderExists } from './remove-thread';

/** What a thread changed since it left its base, committed and not, read from its worktree. */
export async function readThreadDiff(thread: Thread): Promise<ThreadDiff> {
  const worktree = thread.worktreePath;
  if (!(await folderExists(worktree))) {
    throw new AppError(
      'worktree-missing',
      `The worktree of "${thread.name}" is gone from ${worktree}; its branch ${thread.branch} may still hold its commits.`,
    );
  }
  if (!(await branchExists(worktree, thread.baseBranch))) {
    throw new AppError(
      'base-not-found',
      `The base branch "${thread.baseBranch}" no longer exists, so there is nothing to compare against.`,
    );
  }
  const head = await revParse(worktree, 'HEAD');
  const base = await mergeBase(worktree, `refs/heads/${thread.baseBranch}`, head);
  const [committed, uncommitted, commits] = await Promise.all([
    committedDiff(worktree, base, head),
    uncommittedDiff(worktree),
    commitsBetween(worktree, base, head),
  ]);
  return {
    baseBranch: thread.baseBranch,
    mergeBase: base,
    head,
    committed: committed.patch,
    uncommitted: uncommitted.patch,
    files: [...committed.files, ...uncommitted.files],
    commits,
  };
}
