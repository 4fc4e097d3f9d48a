import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { makeThread } from '../../shared/test-fixtures';
import { gitOutput, runGit } from '../git/core';
import { withoutIdentity } from '../test-support/no-identity';
import { commitAll, makeRepo, makeTempDir, writeFiles } from '../test-support/temp-repo';
import { mergeThreadIntoBase } from './merge-thread';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
const thread = makeThread({ name: 'Add notes', branch: 'switchyard/notes', baseBranch: 'main' });

beforeEach(async () => {
  temp = await makeTempDir('merge-thread-');
  repo = await makeRepo(temp.dir);
  const worktree = path.join(temp.dir, 'notes');
  await runGit(repo, ['worktree', 'add', '--quiet', '-b', thread.branch, worktree, 'main']);
  await writeFiles(worktree, { 'notes.md': 'notes\n' });
  await commitAll(worktree, 'Add notes');
});
afterEach(() => temp.cleanup());

describe('merging a thread into its base', () => {
  it('merges with a merge commit and moves the checked-out base with it', async () => {
    const outcome = await mergeThreadIntoBase(repo, thread);
    expect(outcome).toMatchObject({ into: 'main', updatedCheckout: repo });
    expect((await gitOutput(repo, ['rev-parse', 'main'])).trim()).toBe(outcome.commit);
    expect(await gitOutput(repo, ['status', '--porcelain'])).toBe('');
  });

  it('says how to set an author identity when git has none, and changes nothing', async () => {
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    const restore = await withoutIdentity(repo, path.join(temp.dir, 'home'));
    try {
      const error = await mergeThreadIntoBase(repo, thread).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('identity-missing');
      expect((error as AppError).message).toMatch(
        /^Could not merge switchyard\/notes into main: git has no author identity to commit with in .*git config --global user\.name/,
      );
    } finally {
      restore();
    }
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
  });
});
