import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import { branchTip, branchTipIfAny } from './branch';
import { gitOutput } from './core';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
beforeEach(async () => {
  temp = await makeTempDir('branch-');
  repo = await makeRepo(temp.dir);
});
afterEach(() => temp.cleanup());

describe('a branch tip, if there is such a branch', () => {
  it('is the tip of an existing branch, and null for a missing one', async () => {
    expect(await branchTipIfAny(repo, 'main')).toBe(await branchTip(repo, 'main'));
    expect(await branchTipIfAny(repo, 'nope')).toBeNull();
    expect(await branchTipIfAny(repo, '')).toBeNull();
  });

  it('reads the name literally: revision syntax names no branch', async () => {
    await gitOutput(repo, ['commit', '--quiet', '--allow-empty', '-m', 'second']);
    for (const name of ['main~1', 'main@{1}', 'main^', 'HEAD']) expect(await branchTipIfAny(repo, name)).toBeNull();
  });
});
