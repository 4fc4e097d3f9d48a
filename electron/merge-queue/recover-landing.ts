import { branchExists } from '../git/branch';
import { pendingOperations } from '../git/operation-state';
import { abortOperation, checkoutDetachedClean } from '../git/reset';
import { gatherChangelog } from './gather-changelog';
import { findIntegrationWorktree } from './integration-worktree';
import { type JournalLanded, type LandingJournal, LandingJournalFile } from './landing-journal';
import { landingHead, publishLanding } from './publish-target';
import { pathExists } from '../fs/path-exists';

export interface Recovery {
  /** What was found and done, for the user. */
  readonly message: string;
  /** Entries the interrupted run had landed into the target (the queue marks them landed). */
  readonly landed: readonly { readonly branch: string; readonly commit: string }[];
  /** The commit that gathered the fragments the interrupted run had not gathered yet, if any. */
  readonly changelogCommit: string | null;
}

/**
 * Finishes what a crash or quit interrupted, under the landing lock: aborts any merge or rebase
 * left in the integration worktree and puts it back where the target (or the landing kept aside)
 * is. The target itself only ever moves after an entry passed, so it is already at the pre-entry
 * commit unless the entry had fully landed; the journal tells which. The entries that did land
 * keep their place, and their changelog fragments, which the run would have gathered at its end,
 * are gathered now (gathering reads them from the target, so doing it twice gathers nothing twice).
 * Returns what was done, or null when there was nothing to recover.
 */
export async function recoverLanding(repo: string, target: string): Promise<Recovery | null> {
  const journalFile = await LandingJournalFile.of(repo, target);
  const journal = await journalFile.read();
  const worktree = journal?.worktree ?? (await findIntegrationWorktree(repo, target));
  if (!worktree || !(await pathExists(worktree)) || !(await branchExists(repo, target))) {
    if (journal) await journalFile.clear();
    return null;
  }
  const operations = await pendingOperations(worktree);
  if (!journal && operations.length === 0) return null;
  for (const operation of operations) await abortOperation(worktree, operation);
  const { head } = await landingHead(repo, target);
  await checkoutDetachedClean(worktree, head);

  const unfinished = operations.length ? ` (an unfinished ${operations.join(' and ')} was aborted)` : '';
  if (!journal) {
    await journalFile.clear();
    return {
      message: `The integration worktree ${worktree} had work left over${unfinished}; it is back on ${target} at ${head.slice(0, 7)}.`,
      landed: [],
      changelogCommit: null,
    };
  }
  const landed = landedBy(journal, head);
  const gathered = await finishGathering(repo, target, worktree, head, journal, landed);
  // Only now: a crash while gathering leaves the journal for the next recovery to finish.
  await journalFile.clear();

  const parts = [interruptedAt(journal, head, unfinished, target)];
  if (landed.length > 0) parts.push(`Already landed by that run: ${landed.map((e) => e.branch).join(', ')}.`);
  if (gathered.commit) {
    parts.push(
      `Their changelog fragments were gathered into ${journal.changelog?.file} in ${gathered.commit.slice(0, 7)}.`,
    );
  }
  if (gathered.notice) parts.push(`${gathered.notice[0]?.toUpperCase()}${gathered.notice.slice(1)}.`);
  return {
    message: parts.join(' '),
    landed: landed.map(({ branch, commit }) => ({ branch, commit })),
    changelogCommit: gathered.commit,
  };
}

/** The entries that landed: those journalled as done, and the one in progress if it had just landed. */
function landedBy(journal: LandingJournal, head: string): JournalLanded[] {
  const landed = [...journal.landed];
  if (journal.branch && journal.candidate === head && !landed.some((e) => e.branch === journal.branch)) {
    landed.push({ branch: journal.branch, commit: head, fragments: journal.fragments });
  }
  return landed;
}

async function finishGathering(
  repo: string,
  target: string,
  worktree: string,
  head: string,
  journal: LandingJournal,
  landed: readonly JournalLanded[],
): Promise<{ commit: string | null; notice: string | null }> {
  if (!journal.changelog || !landed.some((e) => e.fragments.length > 0)) return { commit: null, notice: null };
  const fragments = landed.map((e) => ({ branch: e.branch, paths: e.fragments }));
  const commit = await gatherChangelog(worktree, head, journal.changelog, fragments);
  if (!commit) return { commit: null, notice: null };
  try {
    return { commit, notice: await publishLanding(repo, target, head, commit) };
  } catch (error) {
    await checkoutDetachedClean(worktree, head).catch(() => undefined);
    throw error;
  }
}

function interruptedAt(journal: LandingJournal, head: string, unfinished: string, target: string): string {
  const entry = journal.branch ?? 'the changelog commit';
  if (!journal.branch && journal.step === 'changelog') {
    return `Landing into ${target} was interrupted before its changelog fragments were gathered${unfinished}; ${target} is at ${head.slice(0, 7)}.`;
  }
  if (journal.candidate && journal.candidate === head) {
    return `Landing ${entry} into ${target} was interrupted just after it landed (${head.slice(0, 7)}); nothing needed undoing.`;
  }
  return `Landing ${entry} into ${target} was interrupted while ${journal.step}${unfinished}; undone: ${target} is at ${head.slice(0, 7)}, its commit before that entry${journal.branch ? `, and ${journal.branch} is untouched` : ''}.`;
}
