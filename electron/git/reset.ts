import { runGit } from './core';

/**
 * Puts a worktree of Switchyard's own on `commit`, detached, discarding whatever is in it
 * (tracked changes and untracked files; ignored files such as build caches stay).
 * Only ever called on the integration worktree, which holds no user work.
 */
export async function checkoutDetachedClean(worktree: string, commit: string): Promise<void> {
  await runGit(worktree, ['checkout', '--quiet', '--force', '--detach', commit]);
  await runGit(worktree, ['clean', '--quiet', '-fd']);
}

/** Abandons a stopped merge, rebase, cherry-pick or revert, whichever is pending. */
export async function abortOperation(
  worktree: string,
  operation: 'merge' | 'rebase' | 'cherry-pick' | 'revert',
): Promise<void> {
  await runGit(worktree, [operation, '--abort'], { okExitCodes: [0, 1, 128] });
}
