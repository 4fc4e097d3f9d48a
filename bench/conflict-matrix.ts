/**
 * The conflict matrix of ten thread branches (every pair, and each against main), computed two
 * ways in the same run on the same branches: Switchyard's `git merge-tree --write-tree` in the
 * object store, and the classic recipe of checkout / `merge --no-commit` / `merge --abort` in a
 * working tree. The verdicts must agree; the first must be ≥ 10× faster. Then all ten of a
 * conflict-free set are landed with a trivial verification command.
 */
import path from 'node:path';
import { runGit } from '../electron/git/core';
import { computeConflictMatrix } from '../electron/merge-queue/conflict-matrix';
import { landBranches } from '../electron/merge-queue/land-branches';
import { VerdictCache } from '../electron/merge-queue/verdict-cache';
import { runBenchmark } from './support/lifecycle';
import { makeQueueBenchRepo } from './support/merge-queue-repo';
import { benchScale, progress, report, round, target } from './support/report';

const fileCount = Math.max(200, Math.round(3000 * benchScale));
const targetSpeedup = 10;
/** Both measurements are repeated, interleaved, and the best of each kept: a busy machine's spikes hit either. */
const rounds = 2;

interface Verdict {
  readonly clean: boolean;
  readonly conflicts: string[];
}

/** The classic recipe, pair by pair in one working tree: check out, merge without committing, read, abort. */
async function checkoutLoop(
  worktree: string,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const [a, b] of pairs) {
    await runGit(worktree, ['checkout', '--quiet', '--force', '--detach', a]);
    const merged = await runGit(worktree, ['merge', '--no-commit', '--no-ff', '--quiet', b], { okExitCodes: [0, 1] });
    const unmerged = await runGit(worktree, ['diff', '--name-only', '--diff-filter=U']);
    await runGit(worktree, ['merge', '--abort'], { okExitCodes: [0, 128] });
    verdicts.set(`${a}|${b}`, {
      clean: merged.exitCode === 0,
      conflicts: unmerged.stdout.split('\n').filter(Boolean).sort(),
    });
  }
  return verdicts;
}

runBenchmark(async () => {
  progress(`making a repository of ${fileCount} files with 10 + 10 thread branches`);
  const bench = await makeQueueBenchRepo(fileCount);
  const branches = bench.matrixBranches;

  const loopTree = path.join(bench.root, 'classic');
  await runGit(bench.repo, ['worktree', 'add', '--quiet', '--detach', loopTree, 'main']);
  let mergeTreeMs = Infinity;
  let checkoutLoopMs = Infinity;
  // A warm-up run of each kind first would favour neither; this one also gives the pairs to check.
  let matrix = await computeConflictMatrix(bench.repo, 'main', branches, new VerdictCache());
  let classic = new Map<string, Verdict>();
  for (let round = 1; round <= rounds; round++) {
    progress(`round ${round}/${rounds}: conflict matrix with git merge-tree (no working tree, cold cache)`);
    const started = performance.now();
    matrix = await computeConflictMatrix(bench.repo, 'main', branches, new VerdictCache());
    mergeTreeMs = Math.min(mergeTreeMs, performance.now() - started);

    progress(
      `round ${round}/${rounds}: the same ${matrix.pairs.length} pairs with checkout / merge --no-commit / merge --abort`,
    );
    const pairs = matrix.pairs.map((p) => [p.b === 'main' ? 'main' : p.a, p.b === 'main' ? p.a : p.b] as const);
    const loopStarted = performance.now();
    classic = await checkoutLoop(loopTree, pairs);
    checkoutLoopMs = Math.min(checkoutLoopMs, performance.now() - loopStarted);
  }

  const sameVerdicts = matrix.pairs.every((p) => {
    const [a, b] = p.b === 'main' ? ['main', p.a] : [p.a, p.b];
    const other = classic.get(`${a}|${b}`);
    return other !== undefined && other.clean === p.clean && other.conflicts.join('\n') === p.conflicts.join('\n');
  });
  const conflictingPairs = matrix.pairs.filter((p) => !p.clean).length;
  const speedup = checkoutLoopMs / mergeTreeMs;

  progress('landing all 10 of the conflict-free set (merge commits, verification: true)');
  const landStarted = performance.now();
  const outcome = await landBranches({
    repo: bench.repo,
    target: 'main',
    entries: bench.landingBranches.map((branch) => ({ branch })),
    mode: 'merge',
    verify: ['true'],
    worktreeRoot: `${bench.repo}.worktrees`,
    changelog: null,
  });
  const landingMs = performance.now() - landStarted;

  report(
    'conflict-matrix',
    `10 thread branches in a ${bench.files}-file repository: the full pairwise matrix, then landing 10`,
    {
      branches: branches.length,
      merge_tree_ms: round(mergeTreeMs),
      checkout_loop_ms: round(checkoutLoopMs),
      speedup: round(speedup, 1),
      same_verdicts: sameVerdicts,
      pairs: matrix.pairs.length,
      rounds,
      conflicting_pairs: conflictingPairs,
      files: bench.files,
      landing_ms: round(landingMs),
      landed: outcome.landed.length,
    },
    [
      { label: 'pairs (incl. each vs main)', value: `${matrix.pairs.length}, ${conflictingPairs} conflicting` },
      { label: `merge-tree matrix (best of ${rounds})`, value: `${round(mergeTreeMs)} ms` },
      { label: `checkout/merge/abort loop (best of ${rounds})`, value: `${round(checkoutLoopMs)} ms` },
      {
        label: 'speedup',
        value: `${round(speedup, 1)}×`,
        target: target(`≥ ${targetSpeedup}×`, speedup >= targetSpeedup),
      },
      { label: 'same verdicts', value: String(sameVerdicts), target: target('true', sameVerdicts) },
      {
        label: 'landing 10 (merge + verify each)',
        value: `${round(landingMs)} ms, ${outcome.landed.length} landed`,
        target: target('all 10 landed', outcome.landed.length === 10),
      },
    ],
  );
  if (!sameVerdicts) process.exitCode = 1;
});
