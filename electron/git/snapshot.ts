import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitOutput, runGit } from './core';

/**
 * Runs `work` with a scratch copy of the worktree's index in which every change, untracked
 * files included, is staged. The agent's real index is never touched, so looking at or backing
 * up a worktree cannot disturb what the agent is doing in it.
 */
export async function withEverythingStaged<T>(
  worktree: string,
  work: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'switchyard-index-'));
  const indexFile = path.join(scratch, 'index');
  try {
    const realIndex = (
      await gitOutput(worktree, ['rev-parse', '--path-format=absolute', '--git-path', 'index'])
    ).trim();
    await copyFile(realIndex, indexFile).catch(() => undefined);
    const env = { GIT_INDEX_FILE: indexFile };
    await runGit(worktree, ['add', '-A', '--', '.'], { env });
    return await work(env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A commit holding the worktree exactly as it is on disk (parent: HEAD), or null when
 * there is nothing uncommitted. Used as a backup before anything is discarded.
 */
export async function snapshotUncommitted(worktree: string, message: string): Promise<string | null> {
  return withEverythingStaged(worktree, async (env) => {
    const head = (await gitOutput(worktree, ['rev-parse', 'HEAD'])).trim();
    const tree = (await gitOutput(worktree, ['write-tree'], { env })).trim();
    const headTree = (await gitOutput(worktree, ['rev-parse', 'HEAD^{tree}'])).trim();
    if (tree === headTree) return null;
    return (await gitOutput(worktree, ['commit-tree', tree, '-p', head, '-m', message], { env })).trim();
  });
}
