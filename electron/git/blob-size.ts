import { runGit } from './core';
import { readOnly } from './read-only';

/** Size in bytes of a blob, or null when it does not exist (e.g. the all-zero id of a worktree side). */
export async function blobSize(cwd: string, blob: string): Promise<number | null> {
  if (/^0+$/.test(blob)) return null;
  const result = await runGit(cwd, ['cat-file', '-s', blob], { ...readOnly, okExitCodes: [0, 128] });
  return result.exitCode === 0 ? Number(result.stdout.trim()) : null;
}

/** Whether `path` exists in the tree of `rev`. */
export async function existsInTree(cwd: string, rev: string, path: string): Promise<boolean> {
  const result = await runGit(cwd, ['cat-file', '-e', `${rev}:${path}`], { ...readOnly, okExitCodes: [0, 1, 128] });
  return result.exitCode === 0;
}
