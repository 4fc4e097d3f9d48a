import { gitOutput, runGit } from './core';

export type RebaseResult =
  { readonly ok: true; readonly head: string } | { readonly ok: false; readonly conflicts: string[] };

/**
 * Rebases what is checked out at `worktree` onto `upstream`. On a conflict the rebase is left
 * in progress and the conflicting paths are returned: the caller decides to abort or hand it on.
 */
export async function rebaseOnto(worktree: string, upstream: string): Promise<RebaseResult> {
  const result = await runGit(worktree, ['rebase', '--no-autostash', '--quiet', upstream], {
    okExitCodes: [0, 1],
  });
  if (result.exitCode === 0) return { ok: true, head: (await gitOutput(worktree, ['rev-parse', 'HEAD'])).trim() };
  return { ok: false, conflicts: await unmergedPaths(worktree) };
}

export async function abortRebase(worktree: string): Promise<void> {
  await runGit(worktree, ['rebase', '--abort']);
}

/** Paths left with conflict markers by a stopped merge, rebase or cherry-pick. */
export async function unmergedPaths(worktree: string): Promise<string[]> {
  const out = await gitOutput(worktree, ['diff', '--name-only', '-z', '--diff-filter=U']);
  return [...new Set(out.split('\0').filter(Boolean))];
}
