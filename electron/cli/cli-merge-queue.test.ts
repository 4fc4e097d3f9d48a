import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitOutput } from '../git/core';
import { pendingOperations } from '../git/operation-state';
import { type BranchSpec, aWithLine, makeQueueRepo, parentsOf, rev } from '../test-support/merge-queue';
import { bundledCli, runBuiltCli } from '../test-support/built-cli';
import { makeTempDir, waitFor } from '../test-support/temp-repo';

const repoRoot = path.resolve(__dirname, '..', '..');
/** node-pty stays outside the bundle, as in dist/: found in the checkout's node_modules. */
const env = { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') };
// The CLI as users run it: bundled as the build does, started as a process of its own.
const cli = bundledCli('cli-merge-queue-test');
let temp: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const switchyard = (...args: string[]) => runBuiltCli(cli, args, { cwd: temp.dir, env });
/** `switchyard land` onto main of `repo`. */
const landOnMain = (repo: string, ...args: string[]) => switchyard('land', '--repo', repo, '--target', 'main', ...args);

/** Starts the CLI with `args`, waits for `marker` (its verification announcing itself), then kill -9s it and its children. */
async function killOnceMarked(args: string[], marker: string, what: string) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'ignore', detached: true, env });
  await waitFor(
    () =>
      readFile(marker).then(
        () => true,
        () => false,
      ),
    what,
    30_000,
  );
  process.kill(-(child.pid as number), 'SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

const branches: BranchSpec[] = [
  { name: 'switchyard/top', files: { 'src/a.txt': aWithLine(1, 'ONE') } },
  { name: 'switchyard/bottom', files: { 'src/a.txt': aWithLine(10, 'TEN') } },
  { name: 'switchyard/title-a', files: { 'README.md': '# A\n\nSold here.\n' } },
  { name: 'switchyard/title-b', files: { 'README.md': '# B\n\nSold here.\n' } },
];

describe('switchyard conflicts', () => {
  it('prints the matrix as one JSON object and exits 0 even with conflicts', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const result = await switchyard('conflicts', '--repo', repo, '--target', 'main', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { target: string; pairs: Array<Record<string, unknown>> };
    expect(out.target).toBe('main');
    expect(out.pairs).toHaveLength(4 + 6);
    expect(out.pairs).toContainEqual({
      a: 'switchyard/title-a',
      b: 'switchyard/title-b',
      clean: false,
      conflicts: ['README.md'],
      overlap: ['README.md'],
    });
    expect(out.pairs).toContainEqual({
      a: 'switchyard/bottom',
      b: 'switchyard/top',
      clean: true,
      conflicts: [],
      overlap: ['src/a.txt'],
    });
    expect(out.pairs).toContainEqual({ a: 'switchyard/top', b: 'main', clean: true, conflicts: [], overlap: [] });
    // Nothing was checked out or written anywhere.
    expect(await gitOutput(repo, ['worktree', 'list', '--porcelain'])).not.toContain('integration');
    const named = await switchyard(
      'conflicts',
      '--repo',
      repo,
      '--target',
      'main',
      'switchyard/top',
      'switchyard/title-a',
    );
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('0 of 3 pairs conflict');
  });

  it('fails with a message for a missing branch, and shows --help', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const result = await switchyard('conflicts', '--repo', repo, '--target', 'main', 'nope', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no branch "nope"');
    expect((await switchyard('conflicts', '--help')).stdout).toContain('Usage: switchyard conflicts');
  });
});

/** Two branches, each with a changelog fragment under .changes/. */
const withFragments: BranchSpec[] = [
  { name: 'switchyard/one', files: { 'src/a.txt': aWithLine(1, 'ONE'), '.changes/one.md': '- Line one shouts\n' } },
  { name: 'switchyard/two', files: { 'src/a.txt': aWithLine(10, 'TEN'), '.changes/two.md': '- Line ten shouts\n' } },
];

describe('switchyard land', () => {
  for (const mode of ['merge', 'squash', 'rebase'] as const) {
    it(`${mode}: killed -9 after the first entry landed, the rerun gathers its fragment and lands each branch once`, async () => {
      const repo = await makeQueueRepo(temp.dir, withFragments);
      const main = await rev(repo, 'main');
      const marker = path.join(temp.dir, 'second-verifying');
      // Passes on the first entry; on the second (its TEN is in) announces itself and hangs until killed.
      const hang = `if grep -q TEN src/a.txt; then touch '${marker}'; sleep 60; fi`;
      const landArgs = ['land', '--repo', repo, '--target', 'main', '--mode', mode, '--changelog', 'CHANGELOG.md'];
      await killOnceMarked(
        [...landArgs, 'switchyard/one', 'switchyard/two', '--shell', '/bin/sh', '--verify', hang],
        marker,
        'the second entry to be verifying',
      );
      const afterOne = await rev(repo, 'main');
      expect(afterOne).not.toBe(main);
      expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toContain('one.md');

      // The rerun names both again, as a user would.
      const rerun = await switchyard(...landArgs, 'switchyard/one', 'switchyard/two');
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain('Landing switchyard/two into main was interrupted while verifying');
      expect(rerun.stdout).toContain('Landed 2 of 2');
      expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toBe('');
      const changelog = await gitOutput(repo, ['show', 'main:CHANGELOG.md']);
      expect(changelog).toContain('- Line one shouts');
      expect(changelog).toContain('- Line ten shouts');
      // Each branch came in once, and no commit is empty.
      const subjects = (await gitOutput(repo, ['log', '--first-parent', '--format=%s', `${main}..main`])).split('\n');
      expect(
        subjects.filter((subject) => subject.includes('switchyard/one')),
        subjects.join('\n'),
      ).toHaveLength(1);
      for (const commit of (await gitOutput(repo, ['rev-list', '--no-merges', `${main}..main`])).trim().split('\n')) {
        expect(await gitOutput(repo, ['diff', '--name-only', `${commit}^`, commit]), commit).not.toBe('');
      }
      expect(await gitOutput(repo, ['show', 'main:src/a.txt'])).toBe(aWithLine(10, 'TEN').replace('one', 'ONE'));
      expect(rerun.stderr).toContain('gathered');
    });
  }

  it('re-landing a branch that already landed is a no-op: no commit, reported as landed', async () => {
    const repo = await makeQueueRepo(temp.dir, withFragments);
    for (const mode of ['merge', 'squash', 'rebase'] as const) {
      const land = () =>
        landOnMain(
          repo,
          '--mode',
          mode,
          '--changelog',
          'CHANGELOG.md',
          mode === 'merge' ? 'switchyard/one' : 'switchyard/two',
          '--json',
        );
      const first = await land();
      expect(first.code, first.stderr).toBe(0);
      const landed = await rev(repo, 'main');
      const again = await land();
      expect(again.code, `${mode}: ${again.stderr}`).toBe(0);
      expect(JSON.parse(again.stdout).landed, mode).toHaveLength(1);
      // Nothing new: no empty "squashed from" commit, and the gathered fragment does not come back.
      expect(await rev(repo, 'main'), mode).toBe(landed);
    }
  });

  it('lands every branch and prints the documented JSON; exit 0', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const before = await rev(repo, 'main');
    const result = await landOnMain(
      repo,
      'switchyard/top',
      'switchyard/bottom',
      '--verify',
      'git status --short',
      '--json',
    );
    expect(result.code).toBe(0);
    const after = await rev(repo, 'main');
    expect(JSON.parse(result.stdout)).toEqual({
      target: 'main',
      before,
      after,
      landed: ['switchyard/top', 'switchyard/bottom'],
      stopped: null,
    });
    expect(await parentsOf(repo, 'main')).toEqual([expect.any(String), await rev(repo, 'switchyard/bottom')]);
  });

  it('stops at a conflict: exit 1, stopped names the branch and files, main at its commit before it', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const result = await landOnMain(
      repo,
      '--mode',
      'squash',
      'switchyard/title-a',
      'switchyard/title-b',
      'switchyard/top',
      '--json',
    );
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { landed: string[]; stopped: unknown; after: string };
    expect(out.landed).toEqual(['switchyard/title-a']);
    expect(out.stopped).toEqual({ branch: 'switchyard/title-b', reason: 'conflict', files: ['README.md'] });
    expect(await rev(repo, 'main')).toBe(out.after);
  });

  it('stops at a failing verification with reason verify-failed', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const result = await landOnMain(repo, 'switchyard/top', '--verify', "node -e 'process.exit(2)'", '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).stopped).toEqual({
      branch: 'switchyard/top',
      reason: 'verify-failed',
      files: ['src/a.txt'],
    });
  });

  it('--verify refuses shell syntax and newlines (exit 2, nothing landed); --shell runs it through that shell', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const main = await rev(repo, 'main');
    const land = (...extra: string[]) => landOnMain(repo, 'switchyard/top', '--json', ...extra);
    // Split into [true, &&, false] this ran `true` and landed.
    const andAnd = await land('--verify', 'true && false');
    expect(andAnd.code).toBe(2);
    expect(andAnd.stderr).toContain('shell syntax');
    expect(andAnd.stderr).toContain('--shell');
    // A newline is not a space: the second line would have been arguments of the first.
    const twoLines = await land('--verify', 'node -e 0\nfalse');
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toContain('one line');
    expect(await rev(repo, 'main')).toBe(main);

    const viaShell = await land('--shell', '/bin/sh', '--verify', 'true && false');
    expect(viaShell.code).toBe(1);
    expect(JSON.parse(viaShell.stdout).stopped).toMatchObject({ branch: 'switchyard/top', reason: 'verify-failed' });
    expect(await rev(repo, 'main')).toBe(main);
    const passes = await land('--shell', '/bin/sh', '--verify', 'test -f src/a.txt && grep -q ONE src/a.txt');
    expect(passes.code).toBe(0);
    expect(JSON.parse(passes.stdout).landed).toEqual(['switchyard/top']);
    expect((await land('--shell', '/bin/sh')).code).toBe(2);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await switchyard('land', '--mode', 'octopus', 'x')).code).toBe(2);
    expect((await switchyard('land')).code).toBe(2);
  });

  it('a landing killed mid-verification is undone by the next run, which then lands', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const main = await rev(repo, 'main');
    const marker = path.join(temp.dir, 'verifying');
    // The verification announces itself, then hangs until the CLI is killed.
    const hang = `node -e "require('fs').writeFileSync('${marker}', ''); setInterval(() => {}, 1000)"`;
    await killOnceMarked(
      ['land', '--repo', repo, '--target', 'main', 'switchyard/top', '--verify', hang],
      marker,
      'the verification to start',
    );
    expect(await rev(repo, 'main')).toBe(main);

    const next = await landOnMain(repo, 'switchyard/bottom');
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('Landing switchyard/top into main was interrupted while verifying');
    const integration = path.join(`${repo}.worktrees`, '.switchyard-integration-main');
    expect(await pendingOperations(integration)).toEqual([]);
    expect(await parentsOf(repo, 'main')).toEqual([main, await rev(repo, 'switchyard/bottom')]);
  });
});
