import { startVerificationProcess } from '../review/verification-process';

export interface VerificationResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  /** The last part of stdout and stderr together, bounded (`keptOutputChars`). */
  readonly output: string;
  readonly durationMs: number;
}

/**
 * Runs the integration verification command (argv, never a shell unless the user named one) in
 * `cwd` with the review pane's runner: its own process group, stopped with the host, output
 * paced and bounded, stopped (SIGTERM, then SIGKILL) after `timeoutMs`.
 */
export async function runVerification(
  argv: readonly string[],
  cwd: string,
  onOutput: (chunk: string) => void = () => undefined,
  timeoutMs = 30 * 60_000,
): Promise<VerificationResult> {
  if (argv.length === 0) return { ok: true, exitCode: 0, output: '', durationMs: 0 };
  const outcome = await startVerificationProcess(argv, {
    cwd,
    env: { ...process.env, SWITCHYARD_LANDING: '1' },
    onOutput,
    timeoutMs,
  }).done;
  return {
    ok: outcome.exitCode === 0 && !outcome.timedOut && outcome.error === null,
    exitCode: outcome.exitCode,
    output: outcome.output,
    durationMs: outcome.durationMs,
  };
}
