import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { stat } from 'node:fs/promises';
import { isGitEnvKey, vulnerabilityCheck } from '@simple-git/argv-parser';

/** One git process to run: argv only (never a shell). */
export interface GitInvocation {
  readonly cwd: string;
  readonly args: readonly string[];
  /** Extra environment, e.g. GIT_INDEX_FILE for a scratch index. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * Runs one git process in this thread and keeps its exit code and stderr, whatever they are: the
 * caller decides which exit codes are answers. Throws only when git could not run at all (a
 * missing folder, git not installed) or was asked for something unsafe.
 *
 * Spawned directly rather than through simple-git's runner, which waits 50 ms more after every
 * process that prints nothing (a clean `status`, `cat-file -e`, `update-ref`…): most of the
 * review's and the merge queue's calls. simple-git's own guard still checks every call
 * (docs/decisions/0007-git-processes.md).
 */
export async function runGitProcess({ cwd, args, env = {} }: GitInvocation): Promise<GitResult> {
  const unsafe = vulnerabilityCheck(args, env);
  if (unsafe.length > 0) throw new Error(unsafe.map((v) => v.message).join('; '));
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
    const child = spawn('git', [...args], {
      cwd,
      env: gitEnvironment(env),
      // Nothing is ever typed into git: a command that would read stdin reads its end instead of hanging.
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', resolve);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  if (ended instanceof Error) throw await whyGitDidNotRun(cwd, ended);
  return {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    // Killed by a signal: the shell's convention, so it is never mistaken for an answer.
    exitCode: ended.code ?? 128 + (ended.signal ? constants.signals[ended.signal] : 0),
  };
}

/** spawn says ENOENT both for a missing git and for a missing folder: tell them apart. */
async function whyGitDidNotRun(cwd: string, error: Error): Promise<Error> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  const folder = await stat(cwd).catch(() => null);
  if (!folder?.isDirectory()) return new Error(`the folder ${cwd} does not exist`);
  return new Error('git was not found on the PATH (install git, or add it to the PATH)');
}

/**
 * This process's environment without ambient git settings (a GIT_DIR or GIT_CONFIG_* inherited
 * from a hook that launched us must not redirect our calls), editors or pagers (these calls never
 * open one), plus the call's own variables. As simple-git does, abbreviated options are refused,
 * so the guard sees every option by its full name.
 */
function gitEnvironment(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const name = key.toLowerCase().trim();
    if (value !== undefined && !name.startsWith('git_') && !isGitEnvKey(name)) env[key] = value;
  }
  return { ...env, ...extra, GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: 'true' };
}
