import { spawn } from 'node:child_process';
import path from 'node:path';
import { distDir } from '../app/app-paths';
import { detectElectronRuntime } from './electron-runtime';
import { parseServeArgs, serveUntilInterrupted } from './serve';

export const startHelp = `Usage: switchyard start [serve options]

Opens the Switchyard desktop window. Where the Electron runtime is not installed it says so
and serves the same dashboard to your browser instead (see: switchyard serve --help).`;

export async function runStart(argv: string[]): Promise<void> {
  const options = parseServeArgs(argv);
  const projectRoot = path.dirname(distDir());
  const runtime = await detectElectronRuntime(projectRoot);
  if (!runtime.available) {
    await serveUntilInterrupted(
      options,
      `Electron is not available here (${runtime.reason}); serving the dashboard in your browser instead.`,
    );
    return;
  }
  const child = spawn(runtime.executable, [projectRoot, ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
