import { AppError } from '../../shared/errors';
import type { ConflictMatrix, PairVerdict } from '../../shared/merge-queue';
import { allBranchTips } from '../git/branch';
import { changedSinceFork } from '../git/changed-files';
import { mergeTrees } from '../git/merge';
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
  // One git call for every tip: the matrix is recomputed often, and most of it comes from the cache.
  const allTips = await allBranchTips(repo);
  for (const name of [target, ...unique]) {
    if (!allTips.has(name))
      throw new AppError('not-found', `There is no branch "${name}" in ${repo}.`, { branch: name });
  }
  const targetTip = allTips.get(target) as string;
  const tips = Object.fromEntries(unique.map((b) => [b, allTips.get(b) as string]));
  let computedPairs = 0;

  // Many pairs ask for the same branch's files at once: one git call each, shared while in flight.
  const inFlight = new Map<string, Promise<readonly string[]>>();
  /** What `to` changed since it parted from `from` (`from...to`), cached by the two commits. */
  const changed = (from: string, to: string): Promise<readonly string[]> => {
    const cached = cache.changed(from, to);
    if (cached) return Promise.resolve(cached);
    const key = `${from}...${to}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = changedSinceFork(repo, from, to).then((files) => {
        cache.setChanged(from, to, files);
        return files;
      });
      inFlight.set(key, pending);
    }
    return pending;
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
  const brought = (branch: string) => changed(targetTip, tips[branch] as string);

  const verdict = async (a: string, b: string, aTip: string, bTip: string, overlapOf: () => Promise<string[]>) => {
    const [conflicts, overlap] = await Promise.all([conflictsOf(aTip, bTip), overlapOf()]);
    return { a, b, clean: conflicts === null, conflicts: [...(conflicts ?? [])], overlap } satisfies PairVerdict;
  };

  const jobs: Array<Promise<PairVerdict>> = [];
  for (const [i, a] of unique.entries()) {
    const aTip = tips[a] as string;
    jobs.push(
      // The target's own changes since this branch left it, against the branch's changes.
      verdict(a, target, aTip, targetTip, async () => intersect(await brought(a), await changed(aTip, targetTip))),
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
