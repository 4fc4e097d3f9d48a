import type { BenchmarkResult } from '../../shared/attempts';
import { revParse } from '../git/refs';
import { verificationArgv } from '../review/command-argv';
import { startVerificationProcess } from '../review/verification-process';

/** A benchmark that runs longer than this is stopped (and scored as failed). */
const benchmarkTimeoutMs = 15 * 60_000;

/** The last number a benchmark printed ("time: 12.5 ms" → 12.5), or null when it printed none. */
export function lastNumber(output: string): number | null {
  const numbers = output.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi);
  const last = numbers?.at(-1);
  return last === undefined ? null : Number(last);
}

/**
 * Runs the group's benchmark command in one attempt's worktree, the way verification commands run
 * (argv, or the project's verification shell), and records its time and the last number it printed.
 */
export async function runBenchmark(worktree: string, command: string, shell: string | null): Promise<BenchmarkResult> {
  const { argv } = verificationArgv(command, shell);
  const commit = await revParse(worktree, 'HEAD');
  const outcome = await startVerificationProcess(argv, {
    cwd: worktree,
    env: { ...process.env, CI: process.env.CI ?? '1', FORCE_COLOR: '0' },
    timeoutMs: benchmarkTimeoutMs,
  }).done;
  return {
    commit,
    exitCode: outcome.error || outcome.timedOut ? null : outcome.exitCode,
    ms: outcome.durationMs,
    printed: lastNumber(outcome.output),
    at: new Date().toISOString(),
  };
}
