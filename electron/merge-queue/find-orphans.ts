import type { CleanupItem, Orphans } from '../../shared/merge-queue';
import { isAncestor } from '../git/ancestry';
import { branchExists, branchTip, branchTipIfAny, deleteBranch, listBranches } from '../git/branch';
import { backupRefName, updateRef } from '../git/refs';
import { listWorktrees, pruneWorktrees } from '../git/worktree';
import { pathExists } from '../fs/path-exists';

/** Branches Switchyard makes for threads live under this prefix (see shared/branch-name.ts). */
export const threadBranchPrefix = 'switchyard/';

export interface KnownThread {
  readonly threadId: string;
  readonly name: string;
  readonly branch: string;
  readonly worktreePath: string;
}

/**
 * Leftovers: worktrees git lists whose folders are gone, Switchyard branches no thread owns (and
 * nothing has checked out), and thread records whose worktree folder vanished.
 */
export async function findOrphans(repo: string, threads: readonly KnownThread[], target: string): Promise<Orphans> {
  const worktrees = await listWorktrees(repo);
  const owned = new Set(threads.map((t) => t.branch));
  const checkedOut = new Set(worktrees.filter((w) => !w.prunable).map((w) => w.branch));
  const targetTip = await branchTipIfAny(repo, target);
  const branches = [];
  for (const branch of await listBranches(repo)) {
    if (!branch.startsWith(threadBranchPrefix) || owned.has(branch) || checkedOut.has(branch)) continue;
    const merged = targetTip ? await isAncestor(repo, await branchTip(repo, branch), targetTip) : false;
    branches.push({ branch, merged });
  }
  const vanished = [];
  for (const t of threads) if (!(await pathExists(t.worktreePath))) vanished.push(t);
  return {
    prunableWorktrees: worktrees.filter((w) => w.prunable).map((w) => w.path),
    branches,
    threads: vanished.map(({ threadId, name, worktreePath }) => ({ threadId, name, worktreePath })),
  };
}

/** `git worktree prune`, reporting what it cleared. */
export async function pruneVanishedWorktrees(repo: string): Promise<CleanupItem> {
  const before = (await listWorktrees(repo)).filter((w) => w.prunable).map((w) => w.path);
  await pruneWorktrees(repo);
  return {
    subject: 'worktrees whose folders are gone',
    removed: before.map((p) => `worktree entry ${p}`),
    kept: [],
    backupRefs: [],
  };
}

/** Deletes an orphan branch; one with work the target lacks is first kept under a backup ref. */
export async function deleteOrphanBranch(repo: string, branch: string, target: string): Promise<CleanupItem> {
  if (!(await branchExists(repo, branch))) {
    return { subject: branch, removed: [], kept: [`branch ${branch}: no longer exists`], backupRefs: [] };
  }
  const tip = await branchTip(repo, branch);
  const merged = (await branchExists(repo, target)) && (await isAncestor(repo, tip, await branchTip(repo, target)));
  const backupRefs: string[] = [];
  if (!merged) {
    const ref = backupRefName(branch);
    await updateRef(repo, ref, tip, null, `switchyard: backup before deleting orphan ${branch}`);
    backupRefs.push(ref);
  }
  await deleteBranch(repo, branch, true);
  return {
    subject: branch,
    removed: [`branch ${branch}${merged ? ' (fully merged)' : ' (archived first)'}`],
    kept: [],
    backupRefs,
  };
}
