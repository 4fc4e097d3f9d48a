import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export type ElectronRuntime =
  { readonly available: true; readonly executable: string } | { readonly available: false; readonly reason: string };

/**
 * Finds the Electron binary the way the `electron` package would, but without requiring that
 * package: requiring it starts a download of the runtime, which must never happen (or hang) here.
 */
export async function detectElectronRuntime(
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ElectronRuntime> {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  if (!(await isFile(path.join(packageDir, 'package.json')))) {
    return { available: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = await readFile(path.join(packageDir, 'path.txt'), 'utf8').catch(() => null);
  const relative = pathFile?.trim() || null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return (await isFile(executable))
      ? { available: true, executable }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary at ${executable}` };
  }
  if (!relative) {
    return {
      available: false,
      reason: 'the Electron runtime has not been downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const executable = path.join(packageDir, 'dist', relative);
  return (await isFile(executable))
    ? { available: true, executable }
    : { available: false, reason: `the Electron runtime is missing from ${path.dirname(executable)}` };
}

async function isFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return Boolean(info?.isFile());
}
