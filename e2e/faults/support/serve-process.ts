import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentHostPaths } from '../../../electron/agent-host/protocol';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'bin', 'switchyard.cjs');

export interface ServeProcess {
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resident memory of the host process, from /proc (MB). */
  rssMb(): Promise<number>;
  /** Resident memory of the host and of the agent host it runs the agents in (MB). */
  totalRssMb(): Promise<number>;
  /** True while the process has not exited. */
  alive(): boolean;
  /** kill -9: no shutdown code runs. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly dataDir: string;
  readonly repo?: string;
  /** A file-size limit for the host (`ulimit -f`, in 1 KiB blocks): a full disk without root. */
  readonly fileSizeLimitKb?: number;
  readonly env?: Record<string, string>;
}

/** The real `switchyard serve`, as a user runs it, in its own process: the thing a fault must not kill. */
export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const args = [cli, 'serve', '--data-dir', options.dataDir, ...(options.repo ? ['--repo', options.repo] : [])];
  const child: ChildProcess =
    options.fileSizeLimitKb === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: environment(options) })
      : // `exec` keeps one process: the limit and the pid are the host's own.
        spawn('/bin/sh', ['-c', `ulimit -f ${options.fileSizeLimitKb} && exec "$0" "$@"`, process.execPath, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: environment(options),
        });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`switchyard serve printed no URL:\n${output}`)), 30_000);
    const check = () => {
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`switchyard serve exited (${code ?? signal}) before printing its URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const pid = child.pid!;
  return {
    pid,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    rssMb: () => rssMbOf(pid),
    totalRssMb: async () => {
      const agentHost = Number(await readFile(agentHostPaths(options.dataDir).pid, 'utf8').catch(() => ''));
      return (await rssMbOf(pid)) + (agentHost > 0 ? await rssMbOf(agentHost).catch(() => 0) : 0);
    },
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function rssMbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
}

function environment(options: ServeOptions): NodeJS.ProcessEnv {
  return { ...process.env, FORCE_COLOR: '0', ...options.env };
}
