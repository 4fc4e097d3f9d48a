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

export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  return (await gitOutput(repo, ['merge-base', a, b])).trim();
}
