import { startVerificationProcess } from '../review/verification-process';

export interface CommandResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  /** Why it could not run at all (not found), or that it was stopped; else null. */
  readonly error: string | null;
  /** The last part of its output, short enough for one log line. */
  readonly output: string;
}

/** Most output a run.jsonl line keeps of a command; the whole run's story, not the whole build log. */
export const loggedOutputChars = 4000;

/**
 * Runs one of a plan's commands (argv, no shell unless the plan named one) under the review's
 * watchdog: its own process group, bounded output, stopped after `timeoutMs` or when `signal`
 * aborts (a Ctrl+C during a run stops a verification in progress too).
 */
export async function runPlanCommand(
  argv: readonly string[],
  cwd: string,
  options: { signal?: AbortSignal; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  if (options.signal?.aborted) return { ok: false, exitCode: null, error: 'interrupted', output: '' };
  const running = startVerificationProcess(argv, {
    cwd,
    env: options.env ?? process.env,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const abort = () => running.kill();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const outcome = await running.done;
    const error = options.signal?.aborted ? 'interrupted' : outcome.timedOut ? 'timed out' : outcome.error;
    return {
      ok: outcome.exitCode === 0 && error === null,
      exitCode: outcome.exitCode,
      error,
      output: outcome.output.slice(-loggedOutputChars),
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}
