import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { MergeOutcome, Thread } from '../../shared/models';
import { branchExists, branchTip } from '../git/branch';
import { GitError } from '../git/core';
import { commitTree, fastForwardCheckout, mergeTrees } from '../git/merge';
import { updateRef } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { listWorktrees } from '../git/worktree';

/**
 * Merges a thread's branch into its base with a merge commit (no fast-forward).
 *
 * The merge is computed in git's object store (merge-tree), so a conflict changes nothing at
 * all. Only a clean result moves the base: by fast-forwarding the checkout that has it checked
 * out (refused if that checkout has uncommitted changes), or by a compare-and-swap ref update.
 */
export async function mergeThreadIntoBase(repo: string, thread: Thread): Promise<MergeOutcome> {
  const { branch, baseBranch: base } = thread;
  if (!(await branchExists(repo, base))) {
    throw new AppError(
      'base-not-found',
      `The base branch "${base}" no longer exists, so there is nothing to merge into.`,
    );
  }
  if (!(await branchExists(repo, branch))) {
    throw new AppError('not-found', `The thread's branch "${branch}" no longer exists.`);
  }
  const [baseTip, branchHead] = await Promise.all([branchTip(repo, base), branchTip(repo, branch)]);

  const checkout = (await listWorktrees(repo)).find((w) => w.branch === base && !w.prunable && !w.bare) ?? null;
  if (checkout) {
    const dirty = await trackedChanges(checkout.path);
    if (dirty.length) {
      throw new AppError(
        'dirty-checkout',
        `${base} is checked out at ${checkout.path} with uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}). Commit or stash them there, then merge again; nothing was changed.`,
        { files: dirty, checkout: checkout.path },
      );
    }
  }

  const merged = await mergeTrees(repo, baseTip, branchHead);
  if (!merged.clean) {
    throw new AppError(
      'merge-conflict',
      `Merging ${branch} into ${base} conflicts in ${merged.conflicts.length} file(s): ${merged.conflicts.join(', ')}. Both branches were left exactly as they were.`,
      { files: merged.conflicts },
    );
  }

  const message = `Merge branch '${branch}' into ${base}\n\nSwitchyard thread: ${thread.name}`;
  let commit: string;
  try {
    commit = await commitTree(repo, merged.tree, [baseTip, branchHead], message);
  } catch (error) {
    if (error instanceof GitError && /tell me who you are|user\.email/i.test(error.result.stderr)) {
      throw new AppError(
        'internal',
        'git has no author identity here; set one with git config user.name and user.email, then merge again.',
      );
    }
    throw error;
  }

  if (checkout) {
    try {
      await fastForwardCheckout(checkout.path, commit);
    } catch (error) {
      const detail = error instanceof GitError ? error.result.stderr.trim() : String(error);
      throw new AppError(
        'dirty-checkout',
        `Could not update ${base} in ${checkout.path}: ${detail}. Nothing was changed.`,
        {
          files: [],
          checkout: checkout.path,
        },
      );
    }
  } else {
    await updateRef(repo, `refs/heads/${base}`, commit, baseTip, `switchyard: merge ${branch}`);
  }
  return { into: base, commit, previousTip: baseTip, updatedCheckout: checkout ? path.normalize(checkout.path) : null };
}

/** Untracked files do not block a fast-forward unless git itself objects to overwriting them. */
function trackedChanges(checkout: string): Promise<string[]> {
  return uncommittedPaths(checkout, { includeUntracked: false });
}
