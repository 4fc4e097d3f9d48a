import { gitOutput, runGit } from './core';

/** Stages exactly `add` and removes `remove` in `worktree`, commits with `message`; returns the commit. */
export async function commitPaths(
  worktree: string,
  add: readonly string[],
  remove: readonly string[],
  message: string,
): Promise<string> {
  if (add.length) await runGit(worktree, ['add', '--', ...add]);
  if (remove.length) await runGit(worktree, ['rm', '--quiet', '--ignore-unmatch', '--', ...remove]);
  await runGit(worktree, ['commit', '--quiet', '--no-verify', '-m', message]);
  return (await gitOutput(worktree, ['rev-parse', 'HEAD'])).trim();
}
