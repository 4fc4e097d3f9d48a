import { normalize } from 'node:path';
import { gitOutput, runGit } from './core';

export interface WorktreeEntry {
  readonly path: string;
  readonly head: string | null;
  /** Short branch name, or null when detached. */
  readonly branch: string | null;
  readonly bare: boolean;
  /** Git still lists it but its folder is gone. */
  readonly prunable: boolean;
}

export async function listWorktrees(repo: string): Promise<WorktreeEntry[]> {
  const out = await gitOutput(repo, ['worktree', 'list', '--porcelain', '-z']);
  const entries: WorktreeEntry[] = [];
  // -z: attributes end in NUL, records in an extra NUL.
  for (const record of out.split('\0\0')) {
    const fields = record.split('\0').filter(Boolean);
    const pathField = fields.find((f) => f.startsWith('worktree '));
    if (!pathField) continue;
    const branchField = fields.find((f) => f.startsWith('branch '));
    const headField = fields.find((f) => f.startsWith('HEAD '));
    entries.push({
      path: pathField.slice('worktree '.length),
      head: headField ? headField.slice('HEAD '.length) : null,
      branch: branchField ? branchField.slice('branch '.length).replace(/^refs\/heads\//, '') : null,
      bare: fields.includes('bare'),
      prunable: fields.some((f) => f === 'prunable' || f.startsWith('prunable ')),
    });
  }
  return entries;
}

/** The checkout (the user's, or another worktree) that has `branch` checked out, if any: its normalized path. */
export async function checkoutOf(repo: string, branch: string): Promise<string | null> {
  const found = (await listWorktrees(repo)).find((w) => w.branch === branch && !w.prunable && !w.bare);
  return found ? normalize(found.path) : null;
}

/** Checks out the existing local `branch` in a new worktree at `path`; fails if the folder holds anything. */
export async function addWorktreeForBranch(repo: string, path: string, branch: string): Promise<void> {
  await runGit(repo, ['worktree', 'add', '--', path, branch]);
}

/** Removes a worktree; `force` discards its uncommitted changes (callers back them up first). */
export async function removeWorktree(repo: string, path: string, force: boolean): Promise<void> {
  await runGit(repo, ['worktree', 'remove', ...(force ? ['--force', '--force'] : []), '--', path]);
}

export async function pruneWorktrees(repo: string): Promise<void> {
  await runGit(repo, ['worktree', 'prune']);
}

/** A worktree at `path` with `commit` checked out on a detached HEAD (no branch is tied up). */
export async function addDetachedWorktree(repo: string, path: string, commit: string): Promise<void> {
  await runGit(repo, ['worktree', 'add', '--detach', '--', path, commit]);
}
