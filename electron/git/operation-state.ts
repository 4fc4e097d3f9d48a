import { access } from 'node:fs/promises';
import { gitOutput } from './core';

export type PendingOperation = 'merge' | 'rebase' | 'cherry-pick' | 'revert';

const markers: ReadonlyArray<readonly [PendingOperation, string]> = [
  ['merge', 'MERGE_HEAD'],
  ['rebase', 'rebase-merge'],
  ['rebase', 'rebase-apply'],
  ['cherry-pick', 'CHERRY_PICK_HEAD'],
  ['revert', 'REVERT_HEAD'],
];

/** The git operations left unfinished in a worktree (e.g. by a crash), read from its git folder. */
export async function pendingOperations(worktree: string): Promise<PendingOperation[]> {
  const found = new Set<PendingOperation>();
  for (const [operation, marker] of markers) {
    const file = (await gitOutput(worktree, ['rev-parse', '--path-format=absolute', '--git-path', marker])).trim();
    if (await exists(file)) found.add(operation);
  }
  return [...found];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
