import { gitOutput } from './core';
import { readOnly } from './read-only';

/** Files git does not track and does not ignore, relative to the worktree. */
export async function untrackedFiles(worktree: string): Promise<string[]> {
  const out = await gitOutput(worktree, ['ls-files', '--others', '--exclude-standard', '-z'], readOnly);
  return out.split('\0').filter(Boolean);
}

/** Folders holding any tracked or untracked (not ignored) file: what a watcher needs to see. */
export async function visibleFolders(worktree: string): Promise<string[]> {
  const out = await gitOutput(worktree, ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], readOnly);
  const folders = new Set<string>(['']);
  for (const entry of out.split('\0')) {
    if (!entry) continue;
    const folder = entry.split('/').slice(0, -1).join('/');
    const parts = folder.split('/');
    for (let depth = 1; depth <= parts.length; depth++) if (parts[0]) folders.add(parts.slice(0, depth).join('/'));
  }
  return [...folders];
}

/**
 * Files and folders git ignores in the worktree, relative to it; a wholly ignored folder is one
 * entry ending in "/" (node_modules/), so the list stays short.
 */
export async function ignoredPaths(worktree: string): Promise<string[]> {
  const out = await gitOutput(
    worktree,
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
    readOnly,
  );
  return out.split('\0').filter(Boolean);
}
