import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../shared/brief';
import type { Thread } from '../../shared/models';
import { gitOutput, runGit } from '../git/core';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import { ignoreInEveryWorktree } from '../git/exclude';
import { type BriefFile, writeBriefIntoWorktree } from './write-brief';
import { makeThread } from '../../shared/test-fixtures';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir);
});

afterEach(async () => {
  await temp.cleanup();
});

async function addWorktree(branch: string): Promise<string> {
  const worktree = path.join(`${repo}.worktrees`, branch.replace(/\//g, '-'));
  await runGit(repo, ['worktree', 'add', '--quiet', '-b', branch, worktree, 'main']);
  return worktree;
}

function threadIn(worktreePath: string, overrides: Partial<Thread> = {}): Thread {
  return makeThread({
    id: 't_1',
    projectId: 'p_1',
    name: 'Worker briefs',
    branch: 'switchyard/worker-briefs',
    worktreePath,
    status: 'starting',
    createdAt: '2025-03-01T10:00:00.000Z',
    brief: BriefSchema.parse({ task: 'Add briefs', ownedPaths: ['electron/briefs/**'], integrationRisk: 'medium' }),
    ...overrides,
  });
}

const status = async (folder: string) => (await gitOutput(folder, ['status', '--porcelain'])).trim();
const excludeFile = () => path.join(repo, '.git', 'info', 'exclude');

describe('writeBriefIntoWorktree', () => {
  it('writes brief.json and brief.md, and leaves both the worktree and the main checkout clean', async () => {
    const worktree = await addWorktree('switchyard/worker-briefs');
    await writeBriefIntoWorktree(repo, threadIn(worktree), 'You are one of several agents…');

    const file = JSON.parse(await readFile(path.join(worktree, '.switchyard', 'brief.json'), 'utf8')) as BriefFile;
    expect(file).toMatchObject({
      version: 1,
      thread: { id: 't_1', name: 'Worker briefs', branch: 'switchyard/worker-briefs', baseBranch: 'main' },
      brief: { task: 'Add briefs', ownedPaths: ['electron/briefs/**'], integrationRisk: 'medium' },
      changelogPath: '.changes/worker-briefs.md',
      createdAt: '2025-03-01T10:00:00.000Z',
    });
    expect(await readFile(path.join(worktree, '.switchyard', 'brief.md'), 'utf8')).toBe(
      'You are one of several agents…\n',
    );

    expect(await status(worktree)).toBe('');
    expect(await status(repo)).toBe('');
    // Ignored through the shared exclude file, not through any file git tracks.
    expect(await readFile(excludeFile(), 'utf8')).toContain('/.switchyard/\n');
    expect((await gitOutput(repo, ['ls-files', '--', '.gitignore'])).trim()).toBe('');
  });

  it('does not stop git from removing the worktree normally', async () => {
    const worktree = await addWorktree('switchyard/worker-briefs');
    await writeBriefIntoWorktree(repo, threadIn(worktree), 'prompt');
    await runGit(repo, ['worktree', 'remove', worktree]);
    expect(await gitOutput(repo, ['worktree', 'list'])).not.toContain('worker-briefs');
  });

  it('writes nothing for a thread without a brief', async () => {
    const worktree = await addWorktree('switchyard/plain');
    await writeBriefIntoWorktree(repo, threadIn(worktree, { brief: null }), 'prompt');
    await expect(readFile(path.join(worktree, '.switchyard', 'brief.json'))).rejects.toThrow();
  });
});

describe('ignoreInEveryWorktree', () => {
  it('adds the line once, even when called concurrently from several worktrees', async () => {
    const first = await addWorktree('switchyard/one');
    const second = await addWorktree('switchyard/two');
    await Promise.all([
      ignoreInEveryWorktree(first, '/.switchyard/'),
      ignoreInEveryWorktree(second, '/.switchyard/'),
      ignoreInEveryWorktree(repo, '/.switchyard/'),
    ]);
    await ignoreInEveryWorktree(repo, '/.switchyard/');
    const lines = (await readFile(excludeFile(), 'utf8')).split('\n');
    expect(lines.filter((line) => line === '/.switchyard/')).toHaveLength(1);
  });

  it('creates info/exclude when it is missing and keeps what was there', async () => {
    await rm(path.join(repo, '.git', 'info'), { recursive: true, force: true });
    await ignoreInEveryWorktree(repo, '/.switchyard/');
    expect(await readFile(excludeFile(), 'utf8')).toBe('/.switchyard/\n');

    await writeFile(excludeFile(), '*.log');
    await ignoreInEveryWorktree(repo, '/.switchyard/');
    expect(await readFile(excludeFile(), 'utf8')).toBe('*.log\n/.switchyard/\n');
  });
});
