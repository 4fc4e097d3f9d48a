import { spawn } from 'node:child_process';

export interface VerificationResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  /** The last part of stdout and stderr together, bounded. */
  readonly output: string;
  readonly durationMs: number;
}

/** Output kept for a stopped entry: enough to see the failure, never unbounded. */
export const keptOutputChars = 64_000;

/**
 * Runs the integration verification command (argv, never a shell unless the user named one) in
 * `cwd`, streaming its output, in a process group of its own so a timeout kills all of it.
 */
export function runVerification(
  argv: readonly string[],
  cwd: string,
  onOutput: (chunk: string) => void = () => undefined,
  timeoutMs = 30 * 60_000,
): Promise<VerificationResult> {
  const started = performance.now();
  let output = '';
  const keep = (chunk: string) => {
    output = (output + chunk).slice(-keptOutputChars);
    onOutput(chunk);
  };
  return new Promise((resolve) => {
    const [command, ...args] = argv;
    if (!command) {
      resolve({ ok: true, exitCode: 0, output: '', durationMs: 0 });
      return;
    }
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, SWITCHYARD_LANDING: '1' },
    });
    const timer = setTimeout(() => {
      keep(`\n[switchyard] verification timed out after ${Math.round(timeoutMs / 1000)} s; stopped\n`);
      killGroup(child.pid);
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    let settled = false;
    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok: exitCode === 0, exitCode, output, durationMs: performance.now() - started });
    };
    child.on('error', (error) => {
      keep(`[switchyard] could not start ${command}: ${error.message}\n`);
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
