import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import { GitError, gitOutput, runGit, runGitInWorker, stopGitWorker } from './core';

let scratch: { dir: string; cleanup: () => Promise<void> };
let repo: string;
let script: string;

beforeAll(async () => {
  scratch = await makeTempDir();
  repo = await makeRepo(scratch.dir);
  script = path.join(scratch.dir, 'git-worker.cjs');
  await bundleNodeScript(path.join(__dirname, 'git-worker.ts'), script);
});

afterAll(async () => {
  await stopGitWorker();
  await scratch.cleanup();
});

/** The longest the event loop went without running a 1 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

/** A burst like opening a review: many git processes asked for at once. */
function burst(): Promise<unknown> {
  return Promise.all(Array.from({ length: 24 }, () => gitOutput(repo, ['rev-parse', 'HEAD'])));
}

/** An identity with a fixed date, so the two answers compare equal whenever they are read. */
const identity = { GIT_AUTHOR_NAME: 'Worker Check', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z' };

describe('git processes started from the worker thread', () => {
  it('answer exactly as when started here: output, exit codes, stderr and environment', async () => {
    const here = {
      head: await gitOutput(repo, ['rev-parse', 'HEAD']),
      missing: await runGit(repo, ['rev-parse', '--verify', '--quiet', 'no-such-branch'], { okExitCodes: [1] }),
      ident: await gitOutput(repo, ['var', 'GIT_AUTHOR_IDENT'], { env: identity }),
    };
    runGitInWorker(script);
    const there = {
      head: await gitOutput(repo, ['rev-parse', 'HEAD']),
      missing: await runGit(repo, ['rev-parse', '--verify', '--quiet', 'no-such-branch'], { okExitCodes: [1] }),
      ident: await gitOutput(repo, ['var', 'GIT_AUTHOR_IDENT'], { env: identity }),
    };
    expect(there.head).toMatch(/^[0-9a-f]{40}\n$/);
    expect(there).toEqual(here);
    expect(there.ident).toMatch(/^Worker Check </);

    const failure = await runGit(repo, ['checkout', 'no-such-branch']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitError);
    expect((failure as GitError).result.exitCode).not.toBe(0);
    expect((failure as GitError).message).toMatch(/no-such-branch/);
  });

  it('reports a folder git cannot run in as a clear error', async () => {
    runGitInWorker(script);
    const missing = path.join(scratch.dir, 'gone');
    const error = await gitOutput(missing, ['status']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(`Could not run git in ${missing}`);
  });

  it('keeps this thread responsive while a burst of git processes starts', async () => {
    await stopGitWorker();
    const stalledHere = await longestStall(burst);
    runGitInWorker(script);
    await gitOutput(repo, ['rev-parse', 'HEAD']); // the worker is up before measuring
    const stalledWithWorker = await longestStall(burst);
    // Started here, the 24 processes start one after another in a single turn of the loop.
    expect(stalledWithWorker).toBeLessThan(stalledHere / 2);
  });

  it('fails the calls a lost worker held, and starts a new one for the next call', async () => {
    runGitInWorker(path.join(scratch.dir, 'no-such-worker.cjs'));
    const error = await gitOutput(repo, ['rev-parse', 'HEAD']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/Could not run git in .*not finished/);

    runGitInWorker(script);
    // A git call that takes a while (simple-git rightly refuses to set such an alias itself).
    await appendFile(path.join(repo, '.git', 'config'), '[alias]\n\tslow = !sleep 2\n');
    const running = gitOutput(repo, ['slow']).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200)); // in the worker's hands by now
    await stopGitWorker();
    expect(String(await running)).toMatch(/stopped; the git call was not finished/);
    runGitInWorker(script);
    expect(await gitOutput(repo, ['log', '--oneline'])).toMatch(/initial/);
  });
});
