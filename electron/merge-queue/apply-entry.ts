import type { LandMode } from '../../shared/merge-queue';
import { isAncestor } from '../git/ancestry';
import { commitSubjects } from '../git/commit-subjects';
import { gitOutput } from '../git/core';
import { describingGitErrors } from '../git/describe-git-error';
import { commitTree, mergeTrees } from '../git/merge';
import { abortRebase, rebaseOnto } from '../git/rebase';
import { treeOf } from '../git/refs';
import { checkoutDetachedClean } from '../git/reset';

export type ApplyResult =
  | { readonly ok: true; readonly commit: string; readonly alreadyIn: boolean }
  | { readonly ok: false; readonly conflicts: string[] };

export interface ApplyInput {
  readonly repo: string;
  readonly worktree: string;
  readonly target: string;
  /** The landing head the entry goes on top of. */
  readonly onto: string;
  readonly branch: string;
  readonly tip: string;
  readonly label: string;
}

/**
 * Produces the commit that lands one entry on top of `onto`, leaving the integration worktree
 * checked out on it. The thread's branch is never moved. A conflict returns the files and leaves
 * the worktree back on `onto`.
 */
export async function applyEntry(mode: LandMode, input: ApplyInput): Promise<ApplyResult> {
  const { repo, worktree, onto, tip } = input;
  // Already landed: nothing to do, and nothing is committed (an empty commit, a gathered fragment back).
  if ((await isAncestor(repo, tip, onto)) || (await squashedAlready(repo, tip, onto))) {
    return { ok: true, commit: onto, alreadyIn: true };
  }
  if (mode === 'rebase') return rebaseEntry(input);

  // merge and squash: computed in the object store, so a conflict leaves no trace at all.
  const merged = await mergeTrees(repo, onto, tip);
  if (!merged.clean) return { ok: false, conflicts: merged.conflicts.sort() };
  if (mode === 'squash' && merged.tree === (await treeOf(repo, onto))) {
    // The branch brings nothing the target lacks: a squash of it would be an empty commit.
    return { ok: true, commit: onto, alreadyIn: true };
  }
  const commit =
    mode === 'merge'
      ? await landing(input, () => commitTree(repo, merged.tree, [onto, tip], mergeMessage(input)))
      : await landing(input, async () => commitTree(repo, merged.tree, [onto], await squashMessage(repo, input)));
  await checkoutDetachedClean(worktree, commit);
  return { ok: true, commit, alreadyIn: false };
}

/** Replays the branch's commits on `onto` in the integration worktree (detached: the branch stays). */
async function rebaseEntry(input: ApplyInput): Promise<ApplyResult> {
  const { worktree, onto, tip } = input;
  await checkoutDetachedClean(worktree, tip);
  const result = await landing(input, () => rebaseOnto(worktree, onto));
  if (!result.ok) {
    await abortRebase(worktree);
    await checkoutDetachedClean(worktree, onto);
    return { ok: false, conflicts: result.conflicts.sort() };
  }
  // Every commit was already upstream (git drops patch-equivalent commits): nothing new landed.
  return { ok: true, commit: result.head, alreadyIn: result.head === onto };
}

/** The line a squash commit records the tip it squashed with; how a squashed branch is recognised later. */
function squashedTipLine(tip: string): string {
  return `Switchyard-Squashed-Tip: ${tip}`;
}

/** Whether a squash of exactly this tip already landed on `onto` (since the branch left it). */
async function squashedAlready(repo: string, tip: string, onto: string): Promise<boolean> {
  const found = await gitOutput(repo, [
    'log',
    '-1',
    '--format=%H',
    '--fixed-strings',
    `--grep=${squashedTipLine(tip)}`,
    onto,
    '--not',
    tip,
  ]);
  return found.trim() !== '';
}

function mergeMessage(input: ApplyInput): string {
  const subject = `Merge branch '${input.branch}' into ${input.target}`;
  return input.label && input.label !== input.branch ? `${subject}\n\nSwitchyard thread: ${input.label}` : subject;
}

async function squashMessage(repo: string, input: ApplyInput): Promise<string> {
  const subjects = await commitSubjects(repo, input.onto, input.tip);
  const body = subjects.map((s) => `* ${s}`).join('\n');
  return `${`${input.label || input.branch} (squashed from ${input.branch})\n\n${body}`.trim()}\n\n${squashedTipLine(input.tip)}`;
}

/** Git failures (no author identity, say) worded for the user, naming the entry being landed. */
function landing<T>(input: ApplyInput, work: () => Promise<T>): Promise<T> {
  return describingGitErrors(`Could not land ${input.branch} into ${input.target}`, work);
}
