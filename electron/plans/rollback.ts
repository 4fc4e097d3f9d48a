import path from 'node:path';
import { AppError } from '../../shared/errors';
import { branchTipIfAny } from '../git/branch';
import { runGit } from '../git/core';
import { deleteRef, tryRevParse, updateRef } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { checkoutOf } from '../git/worktree';
import { pendingLandingRef } from '../merge-queue/target-name';
import { readRunSummary } from './run-log';

export interface RollbackResult {
  readonly runId: string;
  readonly target: string;
  readonly backupRef: string;
  /** The target's commit before the rollback, and after it (the backup's). */
  readonly from: string;
  readonly to: string;
  /** The target was already at the backup: nothing changed. */
  readonly unchanged: boolean;
  /** The checkout of the target that was updated with it, if any. */
  readonly checkout: string | null;
  /** Every task branch of the run, kept as it was. */
  readonly keptBranches: readonly string[];
  /** Landings kept aside for a dirty checkout of the target (refs/switchyard/landing/…) were dropped too. */
  readonly droppedPending: boolean;
}

/**
 * Puts a plan run's target back where it was before the run (its backup ref). Refused when the
 * target moved since the run ended — someone landed or committed after it — unless `force`;
 * task branches, worktrees and the backup ref are kept, so nothing the agents did is lost.
 * A checkout of the target (the user's, say) must be clean and is moved with it (`reset --keep`);
 * without one, the branch is moved by compare-and-swap. A target the run made from the base
 * stays, at the base commit it was made from.
 */
export async function rollbackRun(
  dataDir: string,
  runId: string,
  options: { repo?: string | null; force?: boolean } = {},
): Promise<RollbackResult> {
  const run = await readRunSummary(dataDir, runId);
  const repo = run.repo;
  if (options.repo && path.resolve(options.repo) !== path.resolve(repo)) {
    throw new AppError(
      'invalid-request',
      `Plan run ${runId} ran in ${repo}, not in ${options.repo}; leave out --repo or name that repository.`,
    );
  }
  const backup = await tryRevParse(repo, run.backupRef);
  if (!backup) {
    throw new AppError(
      'not-found',
      `The backup ${run.backupRef} of plan run ${runId} is gone from ${repo}, so there is nothing to roll back to.`,
    );
  }
  const tip = await branchTipIfAny(repo, run.target);
  if (!tip) throw new AppError('not-found', `The target branch ${run.target} no longer exists in ${repo}.`);
  const base = { runId, target: run.target, backupRef: run.backupRef, from: tip, to: backup };
  const keptBranches = run.tasks.map((t) => t.branch);
  if (run.after === null && !options.force) {
    throw new AppError(
      'invalid-request',
      `Plan run ${runId} has not ended (or stopped without a summary); roll it back with --force once it is no longer running.`,
    );
  }
  // Landings kept aside for a dirty checkout of the target (publish-target.ts) are the run's too.
  const pendingRef = pendingLandingRef(run.target);
  const pending = await tryRevParse(repo, pendingRef);
  const dropPending = async () => {
    if (pending) await deleteRef(repo, pendingRef, pending);
  };
  if (tip === backup) {
    await dropPending();
    return { ...base, unchanged: pending === null, checkout: null, keptBranches, droppedPending: pending !== null };
  }
  if (run.after !== null && tip !== run.after && !options.force) {
    throw new AppError(
      'invalid-request',
      `${run.target} moved since plan run ${runId} ended (it was at ${run.after.slice(0, 7)}, it is at ${tip.slice(0, 7)}); rolling back would drop those commits too. Add --force to roll back anyway (the commits stay reachable from the reflog).`,
    );
  }

  const checkout = await checkoutOf(repo, run.target);
  if (checkout) {
    const dirty = await uncommittedPaths(checkout, { includeUntracked: false });
    if (dirty.length > 0) {
      const listed = `${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}`;
      throw new AppError(
        'dirty-checkout',
        `${run.target} is checked out in ${checkout} with uncommitted changes (${listed}); commit or stash them there, then roll back again. Nothing was changed.`,
        { files: dirty, checkout },
      );
    }
    await runGit(checkout, ['reset', '--keep', '--quiet', backup]);
  } else {
    await updateRef(repo, `refs/heads/${run.target}`, backup, tip, `switchyard plan rollback ${runId}`);
  }
  await dropPending();
  return { ...base, unchanged: false, checkout, keptBranches, droppedPending: pending !== null };
}
