import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import { pathExists } from '../fs/path-exists';
import { tryRevParse, updateRef } from '../git/refs';
import { snapshotUncommitted } from '../git/snapshot';
import { uncommittedPaths } from '../git/status';

/**
 * Points `ref` at a commit holding all of an attempt's work — its worktree as it is on disk
 * (uncommitted files included, on top of HEAD), or its branch tip when the worktree is gone — so
 * it stays reachable after its worktree and branch are removed. Done before anything is removed.
 */
export async function keepAttemptWork(repo: string, thread: Thread, ref: string): Promise<string> {
  let commit: string | null = null;
  if (await pathExists(thread.worktreePath)) {
    if ((await uncommittedPaths(thread.worktreePath)).length > 0) {
      commit = await snapshotUncommitted(
        thread.worktreePath,
        `Switchyard: uncommitted work of "${thread.name}", kept when another attempt was picked`,
      );
    }
    commit ??= await tryRevParse(thread.worktreePath, 'HEAD');
  }
  commit ??= await tryRevParse(repo, `refs/heads/${thread.branch}`);
  if (!commit) {
    throw new AppError(
      'not-found',
      `Neither the worktree nor the branch "${thread.branch}" of "${thread.name}" is left, so its work cannot be kept; nothing was removed.`,
    );
  }
  await updateRef(repo, ref, commit, null, `switchyard: keep attempt "${thread.name}" set aside`);
  return commit;
}
