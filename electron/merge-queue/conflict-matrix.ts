import { AppError } from '../../shared/errors';
import type { ConflictMatrix, PairVerdict } from '../../shared/merge-queue';
import { branchExists, branchTip } from '../git/branch';
import { changedFiles } from '../git/changed-files';
import { mergeTrees } from '../git/merge';
import { mergeBase } from '../git/refs';
import { VerdictCache } from './verdict-cache';

/**
 * The conflict matrix of a queue: every pair of branches and each branch against the target,
 * merged in git's object store only (`merge-tree --write-tree`), so no working tree is touched.
 * Verdicts come from `cache` when both tips are unchanged; only moved pairs are merged again.
 */
export async function computeConflictMatrix(
  repo: string,
  target: string,
  branches: readonly string[],
  cache: VerdictCache = new VerdictCache(),
): Promise<ConflictMatrix> {
  const unique = [...new Set(branches)];
  for (const name of [target, ...unique]) {
    if (!(await branchExists(repo, name))) {
      throw new AppError('not-found', `There is no branch "${name}" in ${repo}.`, { branch: name });
    }
  }
  const targetTip = await branchTip(repo, target);
  const tips = Object.fromEntries(await Promise.all(unique.map(async (b) => [b, await branchTip(repo, b)] as const)));
  let computedPairs = 0;

  const base = async (a: string, b: string): Promise<string> => {
    const cached = cache.mergeBase(a, b);
    if (cached) return cached;
    const found = await mergeBase(repo, a, b);
    cache.setMergeBase(a, b, found);
    return found;
  };
  const changed = async (from: string, to: string): Promise<readonly string[]> => {
    const cached = cache.changed(from, to);
    if (cached) return cached;
    const files = await changedFiles(repo, from, to);
    cache.setChanged(from, to, files);
    return files;
  };
  const conflictsOf = async (a: string, b: string): Promise<readonly string[] | null> => {
    const cached = cache.merge(a, b);
    if (cached !== undefined) return cached;
    computedPairs++;
    const result = await mergeTrees(repo, a, b);
    const conflicts = result.clean ? null : result.conflicts.sort();
    cache.setMerge(a, b, conflicts);
    return conflicts;
  };
  /** What a branch brings to the target: its changes since it left the target's history. */
  const brought = async (branch: string) =>
    changed(await base(tips[branch] as string, targetTip), tips[branch] as string);

  const verdict = async (a: string, b: string, aTip: string, bTip: string, overlapOf: () => Promise<string[]>) => {
    const [conflicts, overlap] = await Promise.all([conflictsOf(aTip, bTip), overlapOf()]);
    return { a, b, clean: conflicts === null, conflicts: [...(conflicts ?? [])], overlap } satisfies PairVerdict;
  };

  const jobs: Array<Promise<PairVerdict>> = [];
  for (const [i, a] of unique.entries()) {
    const aTip = tips[a] as string;
    jobs.push(
      verdict(a, target, aTip, targetTip, async () => {
        // The target's own changes since this branch left it, against the branch's changes.
        const mine = await brought(a);
        const theirs = await changed(await base(aTip, targetTip), targetTip);
        return intersect(mine, theirs);
      }),
    );
    for (const b of unique.slice(i + 1)) {
      jobs.push(verdict(a, b, aTip, tips[b] as string, async () => intersect(await brought(a), await brought(b))));
    }
  }
  const pairs = await Promise.all(jobs);
  const files: Record<string, string[]> = {};
  for (const b of unique) files[b] = [...(await brought(b))];
  return { target, targetTip, tips, pairs, files, computedPairs };
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((file) => other.has(file)).sort();
}
