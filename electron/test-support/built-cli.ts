import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { bundleNodeScript } from './bundle-script';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Bundles the CLI as the build does into a scratch folder of this test file's own (outside the
 * repository), once before its tests, and removes it after them. Returns the bundle's path (`cli.cjs`), to run as users do.
 */
export function bundledCli(name: string): string {
  const dir = path.join(os.tmpdir(), `switchyard-cli-${name}-${process.pid}`);
  const cli = path.join(dir, 'cli.cjs');
  beforeAll(() => bundleNodeScript(path.join(repoRoot, 'electron', 'cli', 'switchyard.ts'), cli), 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return cli;
}

/**
 * Runs the built CLI as a process of its own and returns what it printed and its exit code (a failing
 * exit is returned, not thrown). node-pty stays outside the bundle, as in the build: the default
 * environment finds it through the repository's node_modules.
 */
export async function runBuiltCli(
  cli: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const env = options.env ?? { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: options.cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
