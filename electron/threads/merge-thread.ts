import { AppError } from '../../shared/errors';
import { plural } from '../../shared/plural';
import type { MergeOutcome, Thread } from '../../shared/models';
import { branchExists, branchTip } from '../git/branch';
import { describingGitErrors, failureDetail } from '../git/describe-git-error';
import { commitTree, fastForwardCheckout, mergeTrees } from '../git/merge';
import { updateRef } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { checkoutOf } from '../git/worktree';

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

  const checkout = await checkoutOf(repo, base);
  if (checkout) {
    const dirty = await trackedChanges(checkout);
    if (dirty.length) {
      throw new AppError(
        'dirty-checkout',
        `${base} is checked out at ${checkout} with uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}). Commit or stash them there, then merge again; nothing was changed.`,
        { files: dirty, checkout },
      );
    }
  }

  const merged = await mergeTrees(repo, baseTip, branchHead);
  if (!merged.clean) {
    throw new AppError(
      'merge-conflict',
      `Merging ${branch} into ${base} conflicts in ${plural(merged.conflicts.length, 'file')}: ${merged.conflicts.join(', ')}. Both branches were left exactly as they were.`,
      { files: merged.conflicts },
    );
  }

  const message = `Merge branch '${branch}' into ${base}\n\nSwitchyard thread: ${thread.name}`;
  const commit = await describingGitErrors(`Could not merge ${branch} into ${base}`, () =>
    commitTree(repo, merged.tree, [baseTip, branchHead], message),
  );

  if (checkout) {
    try {
      await fastForwardCheckout(checkout, commit);
    } catch (error) {
      throw new AppError(
        'dirty-checkout',
        `Could not update ${base} in ${checkout}: ${failureDetail(error)}. Nothing was changed.`,
        { files: [], checkout },
      );
    }
  } else {
    await updateRef(repo, `refs/heads/${base}`, commit, baseTip, `switchyard: merge ${branch}`);
  }
  return { into: base, commit, previousTip: baseTip, updatedCheckout: checkout };
}

/** Untracked files do not block a fast-forward unless git itself objects to overwriting them. */
function trackedChanges(checkout: string): Promise<string[]> {
  return uncommittedPaths(checkout, { includeUntracked: false });
}
