import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitOutput, runGit } from '../git/core';

/** A scratch folder removed after the test, realpath'd so git's paths compare equal. */
export async function makeTempDir(prefix = 'switchyard-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const { realpath } = await import('node:fs/promises');
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A real repository with one commit on `main` and a local identity. */
export async function makeRepo(
  parent: string,
  name = 'repo',
  files: Record<string, string> = { 'README.md': '# Test\n' },
): Promise<string> {
  const repo = path.join(parent, name);
  await mkdir(repo, { recursive: true });
  await runGit(repo, ['init', '--quiet', '--initial-branch=main']);
  await runGit(repo, ['config', 'user.name', 'Test']);
  await runGit(repo, ['config', 'user.email', 'test@example.invalid']);
  await writeFiles(repo, files);
  await runGit(repo, ['add', '-A']);
  await runGit(repo, ['commit', '--quiet', '-m', 'initial']);
  return repo;
}

export async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), content);
  }
}

export async function commitAll(folder: string, message: string): Promise<string> {
  await runGit(folder, ['add', '-A']);
  await runGit(folder, ['commit', '--quiet', '-m', message]);
  return (await gitOutput(folder, ['rev-parse', 'HEAD'])).trim();
}

export async function tip(repo: string, ref: string): Promise<string> {
  return (await gitOutput(repo, ['rev-parse', ref])).trim();
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
