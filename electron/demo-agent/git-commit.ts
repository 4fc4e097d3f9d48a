import { execFile } from 'node:child_process';
import { StepFailure } from './exit-codes';

interface GitRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Used only when git has no identity, so a fresh machine or CI can still run the demo. */
const fallbackIdentity = { name: 'Switchyard Demo Agent', email: 'demo-agent@switchyard.invalid' } as const;

/**
 * The agent works on the repository of its cwd. Inherited GIT_DIR-style variables (e.g. when
 * started from inside a git hook) would silently point git somewhere else.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'])
    delete env[key];
  return env;
}

/** Async execFile with an argv array: no shell, and the exit code is kept instead of thrown. */
function git(cwd: string, args: readonly string[]): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, env: gitEnvironment(), windowsHide: true, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new StepFailure(`Could not run git: ${error.message}`));
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export async function gitOrFail(cwd: string, args: readonly string[]): Promise<string> {
  const result = await git(cwd, args);
  if (result.exitCode !== 0) {
    const detail = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    throw new StepFailure(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${detail}`);
  }
  return result.stdout;
}

async function hasConfig(cwd: string, key: string): Promise<boolean> {
  const result = await git(cwd, ['config', key]);
  return result.exitCode === 0 && result.stdout.trim() !== '';
}

export type CommitOutcome = { readonly committed: true; readonly shortSha: string } | { readonly committed: false };

/** Stages everything and commits it; nothing staged is reported rather than failing the run. */
export async function commitAll(cwd: string, message: string): Promise<CommitOutcome> {
  await gitOrFail(cwd, ['add', '-A']);
  const staged = await git(cwd, ['diff', '--cached', '--quiet']);
  if (staged.exitCode === 0) return { committed: false };

  const config: string[] = [];
  if (!(await hasConfig(cwd, 'user.name'))) config.push('-c', `user.name=${fallbackIdentity.name}`);
  if (!(await hasConfig(cwd, 'user.email'))) config.push('-c', `user.email=${fallbackIdentity.email}`);
  // A demo commit must never wait on a signing passphrase prompt in the terminal.
  config.push('-c', 'commit.gpgsign=false');

  await gitOrFail(cwd, [...config, 'commit', '--quiet', '-m', message]);
  const shortSha = (await gitOrFail(cwd, ['rev-parse', '--short', 'HEAD'])).trim();
  return { committed: true, shortSha };
}
