import { type ChildProcess, spawn } from 'node:child_process';
import { verificationKillGraceMs } from '../../shared/limits';
import { BoundedOutput, verificationOutputLimits } from './bounded-output';

export interface VerificationOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Why the command could not run (not found, no such folder), else null. */
  readonly error: string | null;
  readonly timedOut: boolean;
  /** The last part of stdout and stderr together, bounded (see `verificationOutputLimits`). */
  readonly output: string;
  /** Output before `output` was left out. */
  readonly outputTruncated: boolean;
  readonly durationMs: number;
}

export interface VerificationProcess {
  /** Resolves when the command has ended (and its last output was sent). */
  readonly done: Promise<VerificationOutcome>;
  /** The kept tail of the output so far. */
  output(): { text: string; truncated: boolean };
  /** Ends the command and everything it started: SIGTERM to its process group, SIGKILL after the grace period. */
  kill(): void;
}

export interface VerificationProcessOptions {
  readonly cwd: string;
  /** The command's environment (default: the host's). */
  readonly env?: NodeJS.ProcessEnv;
  /** The paced live output (see `BoundedOutput`). */
  readonly onOutput?: (text: string) => void;
  /** Stopped (as by `kill`) after this long; none by default. */
  readonly timeoutMs?: number;
  /** Between SIGTERM and SIGKILL. */
  readonly graceMs?: number;
}

/**
 * The watchdog every verification command runs under: a small Node program that starts the
 * command in its own process group (it leads that group) with stdout and stderr going straight
 * to the host, reports how it ended over the IPC channel, and ends the group's leftovers. When
 * that channel closes without a word (the host was killed, even with -9), it stops the whole
 * group — SIGTERM, SIGKILL after the grace period — so no verification outlives its host.
 * Its own SIGTERM (from a group kill) is ignored: the command got it too, and its end is reported.
 */
const watchdogSource = `
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const spec = JSON.parse(process.argv[process.argv.length - 1]);
if (spec.unsetRunAsNode) delete process.env.ELECTRON_RUN_AS_NODE;
const group = (signal) => { try { process.kill(-process.pid, signal); } catch {} };
let orphaned = false;
const report = (message) => {
  if (orphaned) return;
  if (!process.connected) process.exit(0);
  process.send(message, () => process.exit(0));
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => undefined);
process.on('disconnect', () => {
  orphaned = true;
  group('SIGTERM');
  setTimeout(() => group('SIGKILL'), spec.graceMs);
});
const [program, ...args] = spec.argv;
const child = spawn(program, args, { cwd: spec.cwd, stdio: ['ignore', 'inherit', 'inherit'] });
child.on('error', (error) => {
  const missing = error.code === 'ENOENT';
  report({
    error: missing && !existsSync(spec.cwd)
      ? 'the folder ' + spec.cwd + ' does not exist'
      : missing ? program + ': command not found' : error.message,
  });
});
child.on('exit', (exitCode, signal) => {
  group('SIGTERM');
  report({ exitCode, signal });
});
`;

/** Passes chunks on, pausing the child's pipes for the rest of each 100 ms past `maxReadBytesPerSecond`. */
function readCeiling(child: ChildProcess, pass: (chunk: Buffer) => void): (chunk: Buffer) => void {
  const windowMs = 100;
  const perWindow = (verificationOutputLimits.maxReadBytesPerSecond * windowMs) / 1000;
  let windowStart = performance.now();
  let read = 0;
  let paused = false;
  return (chunk) => {
    pass(chunk);
    const now = performance.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      read = 0;
    }
    read += chunk.length;
    if (read < perWindow || paused) return;
    paused = true;
    child.stdout?.pause();
    child.stderr?.pause();
    setTimeout(
      () => {
        paused = false;
        windowStart = performance.now();
        read = 0;
        child.stdout?.resume();
        child.stderr?.resume();
      },
      Math.max(1, windowMs - (now - windowStart)),
    );
  };
}

type Report = { exitCode: number | null; signal: string | null } | { error: string };

/**
 * Runs a verification command's argv (never through a shell unless argv names one) under the
 * watchdog above: in a process group of its own so stopping it ends its children too, tied to
 * the host's lifetime, with its output bounded and paced (see `BoundedOutput`). The one runner of
 * the review pane's verification and the merge queue's integration verification.
 */
export function startVerificationProcess(
  argv: readonly string[],
  options: VerificationProcessOptions,
): VerificationProcess {
  const started = performance.now();
  const graceMs = options.graceMs ?? verificationKillGraceMs;
  const output = new BoundedOutput(options.onOutput ?? (() => undefined));
  const inElectron = process.versions.electron !== undefined;
  const env = options.env ?? process.env;
  const spec = {
    argv,
    cwd: options.cwd,
    graceMs,
    unsetRunAsNode: inElectron && env.ELECTRON_RUN_AS_NODE === undefined,
  };
  const child: ChildProcess = spawn(process.execPath, ['-e', watchdogSource, JSON.stringify(spec)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: inElectron ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env,
  });
  const take = readCeiling(child, (chunk) => output.write(chunk));
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);

  let report: Report | null = null;
  let timedOut = false;
  let killTimer: NodeJS.Timeout | null = null;
  let leftoverTimer: NodeJS.Timeout | null = null;
  let ended = false;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const kill = () => {
    if (ended || killTimer) return;
    signalGroup('SIGTERM');
    // Never what keeps a quitting host alive: if the host goes first, the watchdog finishes the job.
    killTimer = setTimeout(() => signalGroup('SIGKILL'), graceMs).unref();
  };
  const timeout =
    options.timeoutMs === undefined
      ? null
      : setTimeout(() => {
          timedOut = true;
          output.note(
            `\n[switchyard] verification timed out after ${Math.round((options.timeoutMs as number) / 1000)} s; stopped\n`,
          );
          kill();
        }, options.timeoutMs);

  child.on('message', (message: Report) => {
    report = message;
  });
  // The watchdog has ended; whatever still holds the output pipes open (a process that left the
  // group, or ignores SIGTERM) gets the grace period, then the pipes are closed on it.
  child.once('exit', () => {
    leftoverTimer = setTimeout(() => {
      signalGroup('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
    }, graceMs).unref();
  });

  const done = new Promise<VerificationOutcome>((resolve) => {
    const finish = (exitCode: number | null, signal: string | null, error: string | null) => {
      if (ended) return;
      ended = true;
      for (const timer of [timeout, killTimer, leftoverTimer]) if (timer) clearTimeout(timer);
      if (error) output.note(`\n${error}\n`);
      output.close();
      const kept = output.kept();
      resolve({
        exitCode,
        signal,
        error,
        timedOut,
        output: kept.text,
        outputTruncated: kept.truncated,
        durationMs: performance.now() - started,
      });
    };
    child.once('error', (error) => finish(null, null, `could not start the verification: ${error.message}`));
    child.once('close', (code, signal) => {
      const outcome = report as Report | null;
      if (outcome && 'error' in outcome) finish(null, null, outcome.error);
      else if (outcome) finish(outcome.exitCode, outcome.signal, null);
      // No report: the watchdog itself was killed (SIGKILL after the grace period). Never a pass.
      else finish(code === 0 ? null : code, signal, null);
    });
  });
  return { done, output: () => output.kept(), kill };
}
