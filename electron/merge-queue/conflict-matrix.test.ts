import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGit } from '../git/core';
import { makeTempDir } from '../test-support/temp-repo';
import { computeConflictMatrix } from './conflict-matrix';
import { aWithLine, commitOnBranch, makeQueueRepo } from '../test-support/merge-queue';
import { VerdictCache } from './verdict-cache';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

/** The classic way: check one side out, merge the other for real, read the unmerged paths, abort. */
async function mergeForReal(repo: string, scratch: string, a: string, b: string) {
  await runGit(scratch, ['checkout', '--quiet', '--force', '--detach', a]);
  const merged = await runGit(scratch, ['merge', '--no-commit', '--no-ff', '--quiet', b], { okExitCodes: [0, 1] });
  const unmerged = (await runGit(scratch, ['diff', '--name-only', '--diff-filter=U'])).stdout
    .split('\n')
    .filter(Boolean);
  await runGit(scratch, ['merge', '--abort'], { okExitCodes: [0, 128] });
  return { clean: merged.exitCode === 0, conflicts: unmerged.sort() };
}

describe('conflict matrix', () => {
  it('names conflicting files per pair, marks clean overlaps, and agrees with really merging every pair', async () => {
    const repo = await makeQueueRepo(temp.dir, [
      { name: 'title-a', files: { 'README.md': '# Title A\n\nSold here.\n' } },
      { name: 'title-b', files: { 'README.md': '# Title B\n\nSold here.\n', 'src/b.txt': 'alpha\nBETA\ngamma\n' } },
      { name: 'top', files: { 'src/a.txt': aWithLine(1, 'ONE') } },
      { name: 'bottom', files: { 'src/a.txt': aWithLine(10, 'TEN') } },
      { name: 'docs', files: { 'docs/guide.md': 'Guide\n' } },
    ]);
    // The target moves on too: it now conflicts with title-b on src/b.txt.
    await runGit(repo, ['checkout', '--quiet', '-b', 'tmp']);
    await runGit(repo, ['checkout', '--quiet', 'main']);
    await commitOnBranch(repo, 'tmp', { 'src/b.txt': 'alpha\nbeta (edited on main)\ngamma\n' });
    await runGit(repo, ['merge', '--quiet', '--ff-only', 'tmp']);

    const branches = ['title-a', 'title-b', 'top', 'bottom', 'docs'];
    const matrix = await computeConflictMatrix(repo, 'main', branches);
    expect(matrix.pairs).toHaveLength(5 + 10);
    const pair = (a: string, b: string) =>
      matrix.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

    expect(pair('title-a', 'title-b')).toMatchObject({
      clean: false,
      conflicts: ['README.md'],
      overlap: ['README.md'],
    });
    expect(pair('title-b', 'main')).toMatchObject({ clean: false, conflicts: ['src/b.txt'], overlap: ['src/b.txt'] });
    expect(pair('top', 'bottom')).toMatchObject({ clean: true, conflicts: [], overlap: ['src/a.txt'] });
    expect(pair('docs', 'top')).toMatchObject({ clean: true, conflicts: [], overlap: [] });
    expect(pair('title-a', 'main')).toMatchObject({ clean: true, overlap: [] });

    const scratch = path.join(temp.dir, 'scratch');
    await runGit(repo, ['worktree', 'add', '--quiet', '--detach', scratch, 'main']);
    for (const p of matrix.pairs) {
      const real = await mergeForReal(repo, scratch, p.a, p.b);
      expect({ pair: `${p.a}+${p.b}`, clean: p.clean, conflicts: p.conflicts }).toEqual({
        pair: `${p.a}+${p.b}`,
        ...real,
      });
    }
  });

  it('recomputes only the pairs whose tips moved', async () => {
    const repo = await makeQueueRepo(temp.dir, [
      { name: 'one', files: { 'one.txt': '1\n' } },
      { name: 'two', files: { 'two.txt': '2\n' } },
      { name: 'three', files: { 'three.txt': '3\n' } },
      { name: 'four', files: { 'four.txt': '4\n' } },
    ]);
    const cache = new VerdictCache();
    const branches = ['one', 'two', 'three', 'four'];
    const first = await computeConflictMatrix(repo, 'main', branches, cache);
    expect(first.computedPairs).toBe(4 + 6);
    expect((await computeConflictMatrix(repo, 'main', branches, cache)).computedPairs).toBe(0);

    await commitOnBranch(repo, 'three', { 'one.txt': 'three was here\n' });
    const moved = await computeConflictMatrix(repo, 'main', branches, cache);
    // three against main, one, two and four; nothing else.
    expect(moved.computedPairs).toBe(4);
    const pair = moved.pairs.find((p) => p.a === 'one' && p.b === 'three');
    expect(pair).toMatchObject({ clean: false, conflicts: ['one.txt'] });
  });

  it('refuses a branch that does not exist, naming it', async () => {
    const repo = await makeQueueRepo(temp.dir, [{ name: 'one', files: { 'one.txt': '1\n' } }]);
    await expect(computeConflictMatrix(repo, 'main', ['one', 'nope'])).rejects.toThrow('There is no branch "nope"');
  });
});
