import { gitOutput, runGit } from './core';

export async function revParse(cwd: string, rev: string): Promise<string> {
  return (await gitOutput(cwd, ['rev-parse', '--verify', `${rev}^{commit}`])).trim();
}

/**
 * Moves a ref only if it still points where we last saw it (compare-and-swap), so a commit
 * made meanwhile by someone else is never overwritten.
 */
export async function updateRef(
  repo: string,
  ref: string,
  newValue: string,
  expectedOldValue: string | null,
  reason: string,
): Promise<void> {
  const args = ['update-ref', '-m', reason, ref, newValue];
  if (expectedOldValue !== null) args.push(expectedOldValue);
  await runGit(repo, args);
}

/** The tree `commit` records. */
export async function treeOf(repo: string, commit: string): Promise<string> {
  return (await gitOutput(repo, ['rev-parse', `${commit}^{tree}`])).trim();
}

export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  return (await gitOutput(repo, ['merge-base', a, b])).trim();
}

/** The commit `rev` names, or null when it names none. */
export async function tryRevParse(cwd: string, rev: string): Promise<string | null> {
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Deletes a ref, only if it still points at `expected` when given. */
export async function deleteRef(repo: string, ref: string, expected: string | null = null): Promise<void> {
  await runGit(repo, ['update-ref', '-d', ref, ...(expected ? [expected] : [])]);
}

/** A Switchyard backup ref for `branch`, unique per moment: `refs/switchyard/backups/<branch>/<time>[-<why>]`. */
export function backupRefName(branch: string, why = ''): string {
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  return `refs/switchyard/backups/${branch}/${time}${why ? `-${why}` : ''}`;
}
