import os from 'node:os';
import path from 'node:path';

/** Where Switchyard keeps its state when no --data-dir is given: the platform's usual place. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.env.SWITCHYARD_DATA_DIR) return path.resolve(process.env.SWITCHYARD_DATA_DIR);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Switchyard');
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Switchyard');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'switchyard');
}

/** The folder holding the built bundles (dist/): the renderer, the demo agent. */
export function distDir(): string {
  // Bundles are CommonJS, so __dirname is the folder of the running bundle.
  return __dirname.endsWith(`${path.sep}dist`) ? __dirname : path.resolve(__dirname, '..', '..', 'dist');
}
