import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { addDetachedWorktree, listWorktrees, pruneWorktrees } from '../git/worktree';
import { checkoutDetachedClean } from '../git/reset';
import { integrationFolderName } from './target-name';

/** The integration worktree of `target` if git knows one (wherever it was made: app or CLI). */
export async function findIntegrationWorktree(repo: string, target: string): Promise<string | null> {
  const name = integrationFolderName(target);
  const found = (await listWorktrees(repo)).find((w) => path.basename(w.path) === name && !w.prunable);
  return found ? found.path : null;
}

/**
 * Switchyard's own worktree for landing into `target`, on a detached HEAD at `commit`: never the
 * user's checkout, and no branch is tied up (git refuses a branch checked out twice).
 */
export async function ensureIntegrationWorktree(
  repo: string,
  worktreeRoot: string,
  target: string,
  commit: string,
): Promise<string> {
  const existing = await findIntegrationWorktree(repo, target);
  if (existing) {
    await checkoutDetachedClean(existing, commit);
    return existing;
  }
  await pruneWorktrees(repo);
  await mkdir(worktreeRoot, { recursive: true });
  const folder = path.join(worktreeRoot, integrationFolderName(target));
  await addDetachedWorktree(repo, folder, commit);
  return folder;
}
