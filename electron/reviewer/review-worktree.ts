import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { listWorktrees, pruneWorktrees, addDetachedWorktree, removeWorktree } from '../git/worktree';

/** Where reviewers' read-only worktrees live: one folder per run, under the data folder. */
export function reviewerRoot(dataDir: string): string {
  return path.join(dataDir, 'reviewer-worktrees');
}

export interface ReviewWorktree {
  /** The run's folder: the worktree and anything the run writes beside it (a prompt file). */
  readonly runDir: string;
  readonly path: string;
}

/**
 * A reviewer's copy of a branch: a worktree on a detached HEAD at the branch tip, so the reviewer
 * reads exactly the commit under review and nothing it does can move the branch.
 */
export async function addReviewWorktree(
  dataDir: string,
  repo: string,
  commit: string,
  runId: string,
): Promise<ReviewWorktree> {
  const runDir = path.join(reviewerRoot(dataDir), runId);
  await mkdir(runDir, { recursive: true });
  const tree = path.join(runDir, 'tree');
  await addDetachedWorktree(repo, tree, commit);
  return { runDir, path: tree };
}

/** Removes the worktree (whatever the reviewer left in it) and its run folder; never throws. */
export async function removeReviewWorktree(repo: string, worktree: ReviewWorktree): Promise<void> {
  await removeWorktree(repo, worktree.path, true).catch(() => undefined);
  await rm(worktree.runDir, { recursive: true, force: true }).catch(() => undefined);
  await pruneWorktrees(repo).catch(() => undefined);
}

/**
 * At start: reviewer worktrees a previous run left (the app was killed mid-review) are removed
 * from each repository, and the folder emptied.
 */
export async function removeStaleReviewWorktrees(dataDir: string, repos: readonly string[]): Promise<number> {
  const root = path.resolve(reviewerRoot(dataDir));
  let removed = 0;
  for (const repo of repos) {
    const worktrees = await listWorktrees(repo).catch(() => []);
    for (const entry of worktrees) {
      if (!path.resolve(entry.path).startsWith(root + path.sep)) continue;
      await removeWorktree(repo, entry.path, true).catch(() => undefined);
      removed++;
    }
    await pruneWorktrees(repo).catch(() => undefined);
  }
  const left = await readdir(root).catch(() => []);
  for (const name of left) await rm(path.join(root, name), { recursive: true, force: true }).catch(() => undefined);
  return removed;
}
