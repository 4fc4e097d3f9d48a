import { gitOutput } from './core';

/** Paths that differ between two commits (renames split into delete + add, so both paths count). */
export async function changedFiles(repo: string, from: string, to: string): Promise<string[]> {
  const out = await gitOutput(repo, ['diff', '--name-only', '-z', '--no-renames', from, to, '--']);
  return out.split('\0').filter(Boolean);
}

/** Paths added between two commits under `folder` (e.g. a branch's changelog fragments under `.changes/`). */
export async function addedFilesUnder(repo: string, from: string, to: string, folder: string): Promise<string[]> {
  const out = await gitOutput(repo, [
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--diff-filter=A',
    from,
    to,
    '--',
    folder,
  ]);
  return out.split('\0').filter(Boolean);
}

/** Paths `to` changed since it and `from` parted (`from...to`): what merging `to` would bring. */
export async function changedSinceFork(repo: string, from: string, to: string): Promise<string[]> {
  const out = await gitOutput(repo, ['diff', '--name-only', '-z', '--no-renames', `${from}...${to}`, '--']);
  return out.split('\0').filter(Boolean);
}
