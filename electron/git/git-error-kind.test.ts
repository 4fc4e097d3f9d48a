import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { makeRepo, makeTempDir, writeFiles } from '../test-support/temp-repo';
import { GitError, type GitOptions, runGit } from './core';
import { describeGitError, failureDetail } from './describe-git-error';
import { type GitErrorKind, gitErrorKindOf } from './git-error-kind';
import { resolveRepoRoot } from './repo';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;

beforeEach(async () => {
  temp = await makeTempDir('git-error-kind-');
  repo = await makeRepo(temp.dir);
});
afterEach(async () => {
  await chmod(repo, 0o755).catch(() => undefined);
  await temp.cleanup();
});

/** Runs a git command that must fail, and returns the GitError it failed with. */
async function failure(cwd: string, args: readonly string[], options?: GitOptions): Promise<GitError> {
  const error = await runGit(cwd, args, options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof GitError)) throw new Error(`expected git ${args.join(' ')} to fail, got ${String(error)}`);
  return error;
}

/** A branch off main that rewrites README.md, and main rewriting it too: the two conflict. */
async function divergedOnReadme(): Promise<void> {
  await runGit(repo, ['checkout', '--quiet', '-b', 'side']);
  await writeFile(path.join(repo, 'README.md'), 'side\n');
  await runGit(repo, ['commit', '--quiet', '-am', 'side']);
  await runGit(repo, ['checkout', '--quiet', 'main']);
  await writeFile(path.join(repo, 'README.md'), 'main\n');
  await runGit(repo, ['commit', '--quiet', '-am', 'main']);
}

const isRoot = process.getuid?.() === 0;

describe('git failures, read once (real git)', () => {
  it('identity-missing: no user.name/user.email anywhere (HOME an empty folder, no system config)', async () => {
    const home = path.join(temp.dir, 'home');
    await mkdir(home);
    const bare = path.join(temp.dir, 'no-identity');
    await mkdir(bare);
    await runGit(bare, ['init', '--quiet']);
    const env = { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
    // useConfigOnly: git must not guess one from the host name (whether it can depends on the machine).
    const error = await failure(bare, ['-c', 'user.useConfigOnly=true', 'commit', '--allow-empty', '-m', 'x'], { env });
    expect(error.result.stderr).toContain('Please tell me who you are');
    expect(error.kind).toBe('identity-missing');
    const empty = await failure(
      bare,
      ['-c', 'user.name=', '-c', 'user.email=a@example.invalid', 'commit', '--allow-empty', '-m', 'x'],
      { env },
    );
    expect(empty.result.stderr).toContain('empty ident name');
    expect(empty.kind).toBe('identity-missing');
    // Plumbing too: commit-tree is what merging and landing commit with.
    const tree = await failure(
      bare,
      ['-c', 'user.useConfigOnly=true', 'commit-tree', '4b825dc642cb6eb9a060e54bf8d69288fbee4904', '-m', 'x'],
      {
        env,
      },
    );
    expect(tree.kind).toBe('identity-missing');

    const described = describeGitError(error);
    expect(described).toBeInstanceOf(AppError);
    expect(described.kind).toBe('identity-missing');
    expect(described.message).toMatch(/^Git has no author identity to commit with in .*no-identity; set one with/);
    expect(described.message).toContain('git config --global user.email');
  });

  it('not-a-repository', async () => {
    const plain = path.join(temp.dir, 'plain');
    await mkdir(plain);
    const error = await failure(plain, ['status'], { env: { GIT_CEILING_DIRECTORIES: temp.dir } });
    expect(error.result.stderr).toContain('not a git repository');
    expect(error.kind).toBe('not-a-repository');
    expect(describeGitError(error).toWire()).toEqual({
      kind: 'not-a-repo',
      message: `${plain} is not inside a git repository (or its .git folder is gone or damaged).`,
    });
  });

  it('ref-locked: a stale .lock file left by a crashed git (a ref, and the index)', async () => {
    await writeFile(path.join(repo, '.git', 'refs', 'heads', 'feature.lock'), '');
    const ref = await failure(repo, ['update-ref', 'refs/heads/feature', 'HEAD']);
    expect(ref.result.stderr).toContain('cannot lock ref');
    expect(ref.kind).toBe('ref-locked');
    expect(describeGitError(ref)).toMatchObject({
      kind: 'git-locked',
      message: expect.stringContaining(`(git found ${path.join(repo, '.git', 'refs', 'heads', 'feature.lock')})`),
    });
    expect((await failure(repo, ['branch', 'feature'])).kind).toBe('ref-locked');

    await writeFile(path.join(repo, '.git', 'index.lock'), '');
    const index = await failure(repo, ['add', 'README.md']);
    expect(index.result.stderr).toContain('index.lock');
    expect(index.kind).toBe('ref-locked');
  });

  it('ref-moved: a compare-and-swap update that finds the branch elsewhere; a refused fast-forward', async () => {
    const stale = '1'.repeat(40);
    const moved = await failure(repo, ['update-ref', 'refs/heads/main', 'HEAD', stale]);
    expect(moved.result.stderr).toContain('but expected');
    expect(moved.kind).toBe('ref-moved');
    expect(describeGitError(moved, 'Could not land').message).toMatch(
      /^Could not land: main moved meanwhile \(it is at [0-9a-f]{7}, not 1111111\), so it was not overwritten/,
    );
    expect((await failure(repo, ['update-ref', 'refs/heads/none', 'HEAD', stale])).kind).toBe('ref-moved');

    await divergedOnReadme();
    const ff = await failure(repo, ['merge', '--ff-only', '--quiet', 'side']);
    expect(ff.kind).toBe('not-fast-forward');
    expect(describeGitError(ff).kind).toBe('ref-moved');
  });

  it('bad-revision: a branch, tag or commit git does not know', async () => {
    const cases: string[][] = [
      ['rev-parse', '--verify', 'nope^{commit}'],
      ['log', 'nope'],
      ['merge-tree', '--write-tree', 'HEAD', 'nope'],
      ['branch', 'new', 'nope'],
      ['worktree', 'add', '--detach', path.join(temp.dir, 'wt'), 'nope'],
      ['commit-tree', 'nope^{tree}', '-m', 'x'],
    ];
    for (const args of cases) expect((await failure(repo, args)).kind, args.join(' ')).toBe('bad-revision');
    expect(describeGitError(await failure(repo, ['log', 'nope'])).toWire()).toEqual({
      kind: 'not-found',
      message: `Git knows no branch, tag or commit named nope in ${repo}.`,
    });
  });

  it('merge-conflict: reported on stdout by merge, on stderr by rebase', async () => {
    await divergedOnReadme();
    const merge = await failure(repo, ['merge', '--no-edit', 'side']);
    expect(merge.result.stdout).toContain('CONFLICT');
    expect(merge.kind).toBe('merge-conflict');
    expect(describeGitError(merge).toWire()).toMatchObject({
      kind: 'merge-conflict',
      details: { files: ['README.md'] },
    });
    await runGit(repo, ['merge', '--abort']);

    await runGit(repo, ['checkout', '--quiet', 'side']);
    const rebase = await failure(repo, ['rebase', '--quiet', 'main']);
    expect(rebase.kind).toBe('merge-conflict');
    await runGit(repo, ['rebase', '--abort']);
  });

  it('worktree-exists, worktree-locked, branch-in-use, branch-exists', async () => {
    const occupied = path.join(temp.dir, 'occupied');
    await writeFiles(occupied, { 'mine.txt': 'mine\n' });
    await runGit(repo, ['branch', 'topic']);
    const exists = await failure(repo, ['worktree', 'add', occupied, 'topic']);
    expect(exists.kind).toBe('worktree-exists');
    expect(describeGitError(exists).toWire()).toEqual({
      kind: 'worktree-exists',
      message: `${occupied} already exists; pick another folder or remove that one.`,
      details: { path: occupied },
    });

    const wt = path.join(temp.dir, 'wt');
    await runGit(repo, ['worktree', 'add', '--quiet', wt, 'topic']);
    const inUse = await failure(repo, ['worktree', 'add', path.join(temp.dir, 'wt2'), 'topic']);
    expect(inUse.kind).toBe('branch-in-use');
    expect(describeGitError(inUse).message).toBe(
      `"topic" is checked out at ${wt}; git lets a branch be checked out in one worktree at a time.`,
    );
    expect((await failure(repo, ['branch', '-D', 'topic'])).kind).toBe('branch-in-use');
    const branch = await failure(repo, ['branch', 'topic']);
    expect(branch.kind).toBe('branch-exists');
    expect(describeGitError(branch).toWire()).toMatchObject({ kind: 'branch-exists', details: { branch: 'topic' } });

    await runGit(repo, ['worktree', 'lock', wt]);
    const locked = await failure(repo, ['worktree', 'remove', wt]);
    expect(locked.kind).toBe('worktree-locked');
    expect(describeGitError(locked).kind).toBe('git-locked');
    await runGit(repo, ['worktree', 'unlock', wt]);

    await writeFile(path.join(wt, 'scratch.txt'), 'unsaved\n');
    const dirty = await failure(repo, ['worktree', 'remove', wt]);
    expect(dirty.kind).toBe('dirty-worktree');
    expect(describeGitError(dirty).toWire()).toMatchObject({ kind: 'dirty-checkout', details: { checkout: wt } });
  });

  it('dirty-worktree: local changes a checkout or merge would overwrite', async () => {
    await divergedOnReadme();
    await writeFile(path.join(repo, 'README.md'), 'unsaved\n');
    const checkout = await failure(repo, ['checkout', 'side']);
    expect(checkout.kind).toBe('dirty-worktree');
    expect(describeGitError(checkout).toWire()).toEqual({
      kind: 'dirty-checkout',
      message: `Uncommitted changes in ${repo} would be overwritten (README.md); commit or stash them, then try again.`,
      details: { files: ['README.md'], checkout: repo },
    });
    expect((await failure(repo, ['merge', '--no-edit', 'side'])).kind).toBe('dirty-worktree');
  });

  it('nothing-to-commit (said on stdout)', async () => {
    const error = await failure(repo, ['commit', '-m', 'nothing']);
    expect(error.kind).toBe('nothing-to-commit');
    expect(describeGitError(error, 'Could not gather the changelog').message).toBe(
      `Could not gather the changelog: there is nothing to commit in ${repo}.`,
    );
  });

  it('disk-full: writing to a device that is always full', async () => {
    if (!existsSync('/dev/full')) return;
    const error = await failure(repo, ['archive', '--output=/dev/full', 'HEAD']);
    expect(error.result.stderr).toContain('No space left on device');
    expect(error.kind).toBe('disk-full');
    expect(describeGitError(error).kind).toBe('disk-full');
  });

  it.skipIf(isRoot)('permission-denied: a repository git may not write to', async () => {
    await chmod(path.join(repo, '.git'), 0o555);
    try {
      const error = await failure(repo, ['branch', 'x']);
      expect(error.kind).toBe('permission-denied');
    } finally {
      await chmod(path.join(repo, '.git'), 0o755);
    }
  });

  it.runIf(isRoot)('unsafe-repository: one another user owns', async () => {
    const theirs = path.join(temp.dir, 'theirs');
    await mkdir(theirs);
    await runGit(theirs, ['init', '--quiet']);
    await chown(theirs, 65534, 65534);
    const error = await failure(theirs, ['status'], { env: { GIT_CEILING_DIRECTORIES: temp.dir } });
    expect(error.kind).toBe('unsafe-repository');
    expect(describeGitError(error).toWire()).toMatchObject({
      kind: 'permission-denied',
      message: expect.stringContaining(`git config --global --add safe.directory ${theirs}`),
    });
    // Opening it as a project says so, rather than that it is no repository.
    await expect(resolveRepoRoot(theirs)).rejects.toMatchObject({
      kind: 'permission-denied',
      message: expect.stringContaining('because another user owns it'),
    });
    await expect(resolveRepoRoot(temp.dir)).rejects.toMatchObject({ kind: 'not-a-repo' });
  });

  it('anything else stays an internal error with git’s own words, as before', async () => {
    const error = await failure(repo, ['no-such-verb']);
    expect(error.kind).toBe('unknown');
    expect(describeGitError(error).toWire()).toEqual({ kind: 'internal', message: error.message });
    expect(failureDetail(new Error('boom'))).toBe('boom');
  });
});

describe('the table, on wording this machine cannot produce', () => {
  const samples: Array<[string, GitErrorKind]> = [
    ['error: could not lock config file .git/config: Permission denied', 'permission-denied'],
    ["fatal: Unable to create '/r/.git/index.lock': Permission denied", 'permission-denied'],
    ["fatal: detected dubious ownership in repository at '/r'", 'unsafe-repository'],
    ['error: unable to write file .git/objects/ab/cdef: No space left on device', 'disk-full'],
    [
      "fatal: '/w' is a missing but locked worktree;\nuse 'add -f -f' to override, or 'unlock' and 'prune' or 'remove' to clear",
      'worktree-locked',
    ],
    [
      "fatal: '/w' is a missing but already registered worktree;\nuse 'add -f' to override, or 'prune' or 'remove' to clear",
      'worktree-exists',
    ],
    ["fatal: 'topic' is already used by worktree at '/w'", 'branch-in-use'],
    ["error: Cannot delete branch 'topic' used by worktree at '/w'", 'branch-in-use'],
    ["fatal: A branch named 'topic' already exists.", 'branch-exists'],
    ['fatal: Not possible to fast-forward, aborting.', 'not-fast-forward'],
    ['fatal: empty ident name (for <a@b>) not allowed', 'identity-missing'],
    ['error: something nobody has seen', 'unknown'],
  ];
  it.each(samples)('%s', (stderr, kind) => {
    expect(gitErrorKindOf({ stderr, stdout: '' })).toBe(kind);
  });

  it('reads stdout only for what git reports there', () => {
    expect(gitErrorKindOf({ stderr: '', stdout: 'nothing to commit, working tree clean' })).toBe('nothing-to-commit');
    expect(gitErrorKindOf({ stderr: '', stdout: 'fatal: not a git repository' })).toBe('unknown');
  });
});
