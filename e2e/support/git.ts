import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd })).stdout.trim();
}

/** A fresh workspace with a real repository (one commit on main) inside it. */
export async function makeWorkspace(): Promise<{ root: string; repo: string }> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'switchyard-e2e-')));
  const repo = path.join(root, 'shop');
  await mkdir(repo);
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'config', 'user.name', 'E2E');
  await git(repo, 'config', 'user.email', 'e2e@example.invalid');
  await writeFile(path.join(repo, 'README.md'), '# Shop\n\nSold here.\n');
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '--quiet', '-m', 'initial');
  return { root, repo };
}
