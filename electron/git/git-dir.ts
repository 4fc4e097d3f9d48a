import { gitOutput } from './core';
import { readOnly } from './read-only';

/** The worktree's own git folder (`.git/worktrees/<name>` for a linked worktree): HEAD, index, logs. */
export async function absoluteGitDir(worktree: string): Promise<string> {
  return (await gitOutput(worktree, ['rev-parse', '--absolute-git-dir'], readOnly)).trim();
}
