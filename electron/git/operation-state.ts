import { gitOutput } from './core';
import { pathExists } from '../fs/path-exists';

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
    if (await pathExists(file)) found.add(operation);
  }
  return [...found];
}
