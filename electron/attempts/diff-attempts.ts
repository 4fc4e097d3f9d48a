import type { AttemptDiff } from '../../shared/contract/attempts';
import { gitOutput } from '../git/core';
import { readOnly } from '../git/read-only';

/** More than this is cut (at a line) and said so: two attempts can differ in a whole generated tree. */
const maxDiffBytes = 2 * 1024 * 1024;

/** `git diff A B` between two attempts' tips (their committed work), capped. */
export async function diffAttempts(
  repo: string,
  a: { label: string; tip: string },
  b: { label: string; tip: string },
): Promise<AttemptDiff> {
  const patch = await gitOutput(repo, ['diff', '--no-color', '--no-ext-diff', a.tip, b.tip, '--'], readOnly);
  if (Buffer.byteLength(patch, 'utf8') <= maxDiffBytes) return { a: a.label, b: b.label, patch, truncated: false };
  const cut = Buffer.from(patch, 'utf8').subarray(0, maxDiffBytes).toString('utf8');
  return { a: a.label, b: b.label, patch: cut.slice(0, cut.lastIndexOf('\n') + 1), truncated: true };
}
