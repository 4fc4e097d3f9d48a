import { lstat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which of a worktree's untracked or ignored entries are git repositories of their own (a folder
 * holding `.git`). Git does not look inside them: `git status -uall` lists such a folder as one
 * entry ending in "/", and `git add` records only its HEAD commit, never its files or history.
 */
export async function nestedRepositories(worktree: string, entries: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('/')) continue;
    const dotGit = await lstat(path.join(worktree, entry, '.git')).catch(() => null);
    if (dotGit) found.push(entry);
  }
  return found;
}
