import { AppError } from '../../shared/errors';
import { isAncestor } from '../git/ancestry';
import { branchTip } from '../git/branch';
import { failureDetail } from '../git/describe-git-error';
import { fastForwardCheckout } from '../git/merge';
import { deleteRef, tryRevParse, updateRef } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { checkoutOf } from '../git/worktree';
import { pendingLandingRef } from './target-name';

/**
 * Where the next entry lands on top of: the target's tip, or a landing still kept aside because
 * the target's checkout was dirty (as long as the target has not moved elsewhere meanwhile).
 */
export async function landingHead(repo: string, target: string): Promise<{ targetTip: string; head: string }> {
  const targetTip = await branchTip(repo, target);
  const pending = await tryRevParse(repo, pendingLandingRef(target));
  if (pending && pending !== targetTip && (await isAncestor(repo, targetTip, pending))) {
    return { targetTip, head: pending };
  }
  if (pending) await deleteRef(repo, pendingLandingRef(target));
  return { targetTip, head: targetTip };
}

/**
 * Moves the target from `from` to `to` (a descendant), keeping any checkout of it consistent:
 * a clean checkout is fast-forwarded; a dirty one is left alone and the landing kept under a
 * Switchyard ref, with the exact command to run there. A target moved by someone else meanwhile
 * is never overwritten (compare-and-swap). Returns the notice for the user, if any.
 */
export async function publishLanding(repo: string, target: string, from: string, to: string): Promise<string | null> {
  const pendingRef = pendingLandingRef(target);
  const [tip, pending] = await Promise.all([branchTip(repo, target), tryRevParse(repo, pendingRef)]);
  if ((pending ?? tip) !== from) {
    throw new AppError(
      'invalid-request',
      `${target} moved while landing (expected ${from.slice(0, 7)}, found ${(pending ?? tip).slice(0, 7)}); nothing more was landed. Land again to continue from its new tip.`,
    );
  }
  const checkout = await checkoutOf(repo, target);
  if (checkout) {
    const dirty = await uncommittedPaths(checkout, { includeUntracked: false });
    if (dirty.length === 0) {
      try {
        await fastForwardCheckout(checkout, to);
      } catch (error) {
        throw new AppError(
          'dirty-checkout',
          `Could not fast-forward ${target} in ${checkout} to ${to.slice(0, 7)}: ${failureDetail(error)}. The landing stopped there; run \`git -C ${checkout} merge --ff-only ${to}\` once that is resolved.`,
          { files: [], checkout },
        );
      }
      if (pending) await deleteRef(repo, pendingRef);
      return null;
    }
    await updateRef(repo, pendingRef, to, pending, `switchyard: landing into ${target} kept aside`);
    const listed = `${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}`;
    return `the target branch ${target} is checked out in ${checkout} with uncommitted changes (${listed}); the landing is kept at ${pendingRef}; run \`git -C ${checkout} merge --ff-only ${to}\` when it is clean`;
  }
  await updateRef(repo, `refs/heads/${target}`, to, tip, `switchyard: land into ${target}`);
  if (pending) await deleteRef(repo, pendingRef);
  return null;
}
