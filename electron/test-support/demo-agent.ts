/** Shared by the demo agent's tests: real temp git repos and in-process runs with real streams. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { bundleNodeScript } from './bundle-script';
import { runScenario } from '../demo-agent/run-scenario';
import type { Scenario, Step } from '../demo-agent/scenario';

export interface ProcessResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Async execFile that keeps the exit code instead of throwing on it. */
export function execFileResult(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ exitCode: error ? Number(error.code) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    // A child that exits without reading stdin must not fail the test with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

export async function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await execFileResult('git', args, { cwd, env: env ?? gitTestEnv() });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed (${result.exitCode}): ${result.stderr}`);
  return result.stdout.trim();
}

/** Tests must not depend on the developer's global git config (signing, hooks, default branch). */
export function gitTestEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[key];
  return env;
}

const tempDirs: string[] = [];

export async function makeTempDir(prefix = 'demo-agent-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A repo on `main` with one commit holding README.md, and a local identity. */
export async function makeTempRepo(options: { identity?: boolean } = {}): Promise<string> {
  const repo = await makeTempDir();
  await git(repo, ['init', '--quiet', '-b', 'main']);
  if (options.identity ?? true) {
    await git(repo, ['config', 'user.name', 'Test Dispatcher']);
    await git(repo, ['config', 'user.email', 'dispatcher@example.invalid']);
  }
  await git(repo, ['config', 'commit.gpgsign', 'false']);
  await writeFile(path.join(repo, 'README.md'), '# Demo project\n\nSecond line stays.\n');
  await git(repo, ['add', '-A']);
  await git(repo, [
    '-c',
    'user.name=Setup',
    '-c',
    'user.email=setup@example.invalid',
    'commit',
    '--quiet',
    '-m',
    'Initial commit',
  ]);
  return repo;
}

export interface InProcessRun {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Runs a scenario in-process. `input` chunks are written one by one (so chunk boundaries can be
 * tested); `endInput` closes stdin afterwards.
 */
export async function runInProcess(
  steps: Step[] | Scenario,
  options: { cwd: string; prompt?: string; branch?: string; input?: readonly string[]; endInput?: boolean },
): Promise<InProcessRun> {
  const scenario = Array.isArray(steps) ? { name: 'test', steps } : steps;
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const running = runScenario(scenario, {
    cwd: options.cwd,
    prompt: options.prompt ?? '',
    branch: options.branch ?? null,
    input,
    output,
  });
  for (const chunk of options.input ?? []) {
    await new Promise((resolve) => setImmediate(resolve));
    input.write(chunk);
  }
  if (options.endInput) input.end();
  const exitCode = await running;
  // Let the last writes reach the 'data' listener.
  await new Promise((resolve) => setImmediate(resolve));
  return { exitCode, output: text };
}

/** Counts non-overlapping occurrences, to check a question was asked again. */
export function countOccurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Bundles the demo agent into `outfile` the way the app's build does, so tests run the real program. */
export async function bundleDemoAgent(outfile: string): Promise<void> {
  await bundleNodeScript(path.join(__dirname, '..', 'demo-agent', 'demo-agent.ts'), outfile);
}
