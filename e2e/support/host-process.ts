import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface HostProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** Runs the real CLI (`switchyard serve`) as a user would, and reads the URL it prints. */
export async function startHostProcess(args: string[]): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'switchyard.cjs'), 'serve', ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`switchyard serve printed no URL:\n${output}`)), 20_000);
    const check = () => {
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`switchyard serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
