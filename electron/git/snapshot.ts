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
  exclude: readonly string[] = [],
): Promise<T> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'switchyard-index-'));
  const indexFile = path.join(scratch, 'index');
  try {
    const realIndex = (
      await gitOutput(worktree, ['rev-parse', '--path-format=absolute', '--git-path', 'index'])
    ).trim();
    await copyFile(realIndex, indexFile).catch(() => undefined);
    const env = { GIT_INDEX_FILE: indexFile };
    // Excluded paths (nested repositories: git would record only their HEAD, or fail when they have none).
    const excluded = exclude.map((entry) => `:(exclude,literal)${entry.replace(/\/$/, '')}`);
    await runGit(worktree, ['add', '-A', '--', '.', ...excluded], { env });
    return await work(env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface SnapshotOptions {
  /** More parents after HEAD, e.g. a branch tip a detached HEAD has left behind, so they stay reachable. */
  readonly extraParents?: readonly string[];
  /** Paths left out (nested repositories, whose files a commit here cannot hold). */
  readonly exclude?: readonly string[];
}

/**
 * A commit holding the worktree exactly as it is on disk (first parent: HEAD, then any
 * `extraParents`), or null when there is nothing uncommitted. Used as a backup before anything
 * is discarded.
 */
export async function snapshotUncommitted(
  worktree: string,
  message: string,
  options: SnapshotOptions = {},
): Promise<string | null> {
  return withEverythingStaged(
    worktree,
    async (env) => {
      const head = (await gitOutput(worktree, ['rev-parse', 'HEAD'])).trim();
      const tree = (await gitOutput(worktree, ['write-tree'], { env })).trim();
      const headTree = (await gitOutput(worktree, ['rev-parse', 'HEAD^{tree}'])).trim();
      if (tree === headTree) return null;
      const parents = [head, ...(options.extraParents ?? []).filter((p) => p !== head)].flatMap((p) => ['-p', p]);
      return (await gitOutput(worktree, ['commit-tree', tree, ...parents, '-m', message], { env })).trim();
    },
    options.exclude ?? [],
  );
}

/**
 * A commit that keeps several commits reachable from one ref: the first one's tree, with every
 * one of them as a parent.
 */
export async function joinCommits(repo: string, commits: readonly string[], message: string): Promise<string> {
  const [first] = commits;
  if (!first) throw new Error('joinCommits needs at least one commit');
  const parents = commits.flatMap((commit) => ['-p', commit]);
  return (await gitOutput(repo, ['commit-tree', `${first}^{tree}`, ...parents, '-m', message])).trim();
}
