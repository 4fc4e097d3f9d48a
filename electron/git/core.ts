import { AppError } from '../../shared/errors';
import { maxConcurrentGit } from '../../shared/limits';
import { type GitErrorKind, gitErrorKindOf } from './git-error-kind';
import { type GitResult, runGitProcess } from './git-process';
import { GitWorkerClient } from './git-worker-client';

export type { GitErrorKind } from './git-error-kind';
export type { GitResult } from './git-process';

export interface GitOptions {
  /** Exit codes that are answers rather than failures (e.g. merge-tree's 1 = conflicts). */
  readonly okExitCodes?: readonly number[];
  /** Extra environment, e.g. GIT_INDEX_FILE for a scratch index. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A git command that exited with a code its caller did not expect. `kind` says what it ran into,
 * read off git's output here, once; describe-git-error.ts has the user's words for each kind.
 */
export class GitError extends Error {
  readonly kind: GitErrorKind;

  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
    /** The folder git ran in ('' when unknown). */
    readonly cwd = '',
  ) {
    super(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${firstLine(result.stderr || result.stdout)}`);
    this.name = 'GitError';
    this.kind = gitErrorKindOf(result);
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

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

/** Where git processes start: this thread until `runGitInWorker` names the worker's script. */
let worker: GitWorkerClient | null = null;

/**
 * Starts every later git process from a worker thread (`git-worker.ts`, built beside the app's
 * other scripts): starting a process blocks the starting thread until the child has exec'd, and
 * the app's main thread also carries every window's input and terminal output. The CLI and most
 * tests keep starting git here, where that wait harms nobody.
 */
export function runGitInWorker(script: string): void {
  if (worker?.script !== script) {
    void worker?.stop();
    worker = new GitWorkerClient(script);
  }
}

/** Back to starting git processes on this thread (tests; the worker ends). */
export async function stopGitWorker(): Promise<void> {
  const stopping = worker?.stop();
  worker = null;
  await stopping;
}

/**
 * The one way this app runs git: argv only (never a shell), asynchronous, with the exit code
 * kept so callers can treat "exit 1" of some verbs as an answer.
 */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  const invocation = { cwd, args: [...args], env: options.env };
  await acquireSlot();
  let result: GitResult;
  try {
    result = await (worker ? worker.run(invocation) : runGitProcess(invocation));
  } catch (error) {
    throw new AppError('internal', `Could not run git in ${cwd}: ${(error as Error).message}`);
  } finally {
    releaseSlot();
  }
  if (!okExitCodes.includes(result.exitCode)) throw new GitError(args, result, cwd);
  return result;
}

/** Shorthand for commands whose stdout is the whole answer. */
export async function gitOutput(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await runGit(cwd, args, options)).stdout;
}
