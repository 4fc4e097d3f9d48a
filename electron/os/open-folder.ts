import { AppError } from '../../shared/errors';
import { findExecutable } from '../agents/find-executable';
import { pathExists } from '../fs/path-exists';
import { startDetached } from './open-in-editor';

/** The system's own "open this folder" program, per platform. */
export function folderOpener(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer';
  return 'xdg-open';
}

/**
 * Shows a folder in the system's file manager (the browser host's way; the desktop app uses
 * Electron's shell.openPath instead). Argv only: the path is never read by a shell.
 */
export async function openFolderWithSystem(
  folder: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!(await pathExists(folder))) {
    throw new AppError('worktree-missing', `The folder ${folder} is missing from disk; there is nothing to open.`);
  }
  const opener = folderOpener(platform);
  const found = platform === 'win32' ? opener : await findExecutable(opener, env.PATH ?? '');
  if (!found) {
    throw new AppError(
      'not-found',
      `Could not open the folder: ${opener} is not installed (on Linux it comes with xdg-utils). The folder is ${folder}.`,
    );
  }
  await startDetached([found, folder], folder, env);
}
