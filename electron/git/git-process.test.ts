import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import { runGitProcess } from './git-process';

let scratch: { dir: string; cleanup: () => Promise<void> };
let repo: string;
let other: string;

beforeAll(async () => {
  scratch = await makeTempDir();
  repo = await makeRepo(scratch.dir, 'repo');
  other = await makeRepo(scratch.dir, 'other');
});

afterAll(() => scratch.cleanup());

/** Runs `body` with environment variables changed, then puts them back. */
async function withEnv<T>(changes: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  Object.assign(process.env, changes);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('one git process', () => {
  it('refuses options that would run other programs, with simple-git’s reason, before starting git', async () => {
    await expect(
      runGitProcess({ cwd: repo, args: ['fetch', '--upload-pack=touch /tmp/owned', 'origin'] }),
    ).rejects.toThrow(/--upload-pack.*allowUnsafePack/);
    await expect(runGitProcess({ cwd: repo, args: ['-c', 'core.pager=sh', 'log'] })).rejects.toThrow(
      /allowUnsafePager/,
    );
  });

  it('ignores git settings inherited from the environment (a hook that launched the app)', async () => {
    const result = await withEnv({ GIT_DIR: `${other}/.git`, GIT_WORK_TREE: other }, () =>
      runGitProcess({ cwd: repo, args: ['rev-parse', '--show-toplevel'] }),
    );
    expect(result.stdout.trim()).toBe(repo);
  });

  it('gives git an empty stdin, so a command that reads it ends instead of waiting', async () => {
    const result = await runGitProcess({ cwd: repo, args: ['hash-object', '--stdin'] });
    // The id of the empty blob.
    expect(result.stdout.trim()).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('tells a missing folder from a missing git', async () => {
    await expect(runGitProcess({ cwd: `${scratch.dir}/gone`, args: ['status'] })).rejects.toThrow(
      `the folder ${scratch.dir}/gone does not exist`,
    );
    await withEnv({ PATH: `${scratch.dir}/no-bin` }, async () => {
      await expect(runGitProcess({ cwd: repo, args: ['status'] })).rejects.toThrow(/git was not found on the PATH/);
    });
  });

  it('keeps the exit code and stderr of a failing command', async () => {
    const result = await runGitProcess({ cwd: repo, args: ['rev-parse', '--verify', 'no-such-ref'] });
    expect(result.exitCode).toBe(128);
    expect(result.stderr).toMatch(/fatal: Needed a single revision/);
  });
});
