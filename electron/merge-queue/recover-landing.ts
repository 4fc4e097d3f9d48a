import { branchExists } from '../git/branch';
import { pendingOperations } from '../git/operation-state';
import { abortOperation, checkoutDetachedClean } from '../git/reset';
import { findIntegrationWorktree } from './integration-worktree';
import { LandingJournalFile } from './landing-journal';
import { landingHead } from './publish-target';
import { pathExists } from '../fs/path-exists';

/**
 * Undoes a landing that a crash or quit interrupted: aborts any merge or rebase left in the
 * integration worktree and puts it back where the target (or the landing kept aside) is. The
 * target itself only ever moves after an entry passed, so it is already at the pre-entry commit
 * unless the entry had fully landed; the journal tells which. Call under the landing lock.
 * Returns what was done, for the user, or null when there was nothing to recover.
 */
export async function recoverLanding(repo: string, target: string): Promise<string | null> {
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
  await journalFile.clear();

  const unfinished = operations.length ? ` (an unfinished ${operations.join(' and ')} was aborted)` : '';
  if (!journal) {
    return `The integration worktree ${worktree} had work left over${unfinished}; it is back on ${target} at ${head.slice(0, 7)}.`;
  }
  const entry = journal.branch ?? 'the changelog commit';
  if (journal.candidate && journal.candidate === head) {
    return `Landing ${entry} into ${target} was interrupted just after it landed (${head.slice(0, 7)}); nothing needed undoing.`;
  }
  return `Landing ${entry} into ${target} was interrupted while ${journal.step}${unfinished}; undone: ${target} is at ${head.slice(0, 7)}, its commit before that entry${journal.branch ? `, and ${journal.branch} is untouched` : ''}.`;
}
