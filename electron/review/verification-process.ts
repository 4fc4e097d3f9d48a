import { spawn } from 'node:child_process';

export interface VerificationProcess {
  /** Resolves when the program has ended: its exit code, or why it could not run. */
  readonly done: Promise<{ exitCode: number | null; signal: string | null; error: string | null }>;
  /** Ends the command and everything it started. */
  kill(): void;
}

/** Output is passed on at most this often, so a chatty command does not flood the windows. */
const batchMs = 50;

/**
 * Runs a verification command's argv in the worktree (never through a shell unless argv names
 * one), in its own process group so cancelling ends its children too, with output batched.
 */
export function startVerificationProcess(
  argv: readonly string[],
  cwd: string,
  onOutput: (text: string) => void,
): VerificationProcess {
  const [program, ...args] = argv;
  const child = spawn(program as string, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: process.env.CI ?? '1', FORCE_COLOR: '0' },
  });
  let pending = '';
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) onOutput(pending);
    pending = '';
  };
  const take = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    timer ??= setTimeout(flush, batchMs);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const done = new Promise<{ exitCode: number | null; signal: string | null; error: string | null }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      flush();
      resolve({
        exitCode: null,
        signal: null,
        error: error.code === 'ENOENT' ? `${program}: command not found` : error.message,
      });
    });
    child.once('close', (exitCode, signal) => {
      flush();
      resolve({ exitCode, signal, error: null });
    });
  });
  return {
    done,
    kill: () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    },
  };
}
