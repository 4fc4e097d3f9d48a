import { simpleGit } from 'simple-git';
import { AppError } from '../../shared/errors';

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface GitOptions {
  /** Exit codes that are answers rather than failures (e.g. merge-tree's 1 = conflicts). */
  readonly okExitCodes?: readonly number[];
  /** Extra environment, e.g. GIT_INDEX_FILE for a scratch index. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A git command that exited with a code its caller did not expect. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${firstLine(result.stderr || result.stdout)}`);
    this.name = 'GitError';
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * A bound on git processes across every thread and project: a burst of refreshes must
 * queue rather than fork hundreds of gits at once.
 */
const maxConcurrentGit = 6;
let running = 0;
const waiting: Array<() => void> = [];

async function acquireSlot(): Promise<void> {
  if (running < maxConcurrentGit) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * The one way this app runs git: argv only (never a shell), asynchronous, with the exit code
 * kept so callers can treat "exit 1" of some verbs as an answer.
 */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  let exitCode = 0;
  let stderr = '';
  await acquireSlot();
  let stdout: string;
  try {
    const git = simpleGit({
      baseDir: cwd,
      maxConcurrentProcesses: 1,
      // Keep the exit code and stderr instead of letting simple-git decide what is an error.
      errors: (_error, result) => {
        exitCode = result.exitCode;
        stderr = Buffer.concat(result.stdErr).toString('utf8');
        return undefined;
      },
      allowEnvironment: options.env ? Object.keys(options.env) : [],
    });
    if (options.env) git.env({ ...nonInteractiveEnv(), ...options.env });
    stdout = await git.raw([...args]);
  } catch (error) {
    throw new AppError('internal', `Could not run git in ${cwd}: ${(error as Error).message}`);
  } finally {
    releaseSlot();
  }
  const result = { stdout, stderr, exitCode };
  if (!okExitCodes.includes(exitCode)) throw new GitError(args, result);
  return result;
}

/**
 * The environment for a git call with extra variables. Editors and pagers are left out (these
 * calls never open one), and so are ambient GIT_* variables, which simple-git strips from
 * every call anyway as a guard against injected git configuration.
 */
function nonInteractiveEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(?:GIT_.*|EDITOR|VISUAL|PAGER)$/i.test(key)) env[key] = value;
  }
  return env;
}

/** Shorthand for commands whose stdout is the whole answer. */
export async function gitOutput(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await runGit(cwd, args, options)).stdout;
}
