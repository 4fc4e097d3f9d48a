import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { commonGitDir } from '../git/repo';
import { sanitizeForPath } from './target-name';

const heldHere = new Set<string>();

/**
 * One landing per repository and target at a time, across processes (the app and the CLI): a lock
 * file holding the owner's pid. A lock whose process is gone (a crash) is taken over.
 */
export async function withLandingLock<T>(repo: string, target: string, work: () => Promise<T>): Promise<T> {
  const folder = path.join(await commonGitDir(repo), 'switchyard');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `landing-${sanitizeForPath(target)}.lock`);
  await acquire(file, target);
  try {
    return await work();
  } finally {
    heldHere.delete(file);
    await unlink(file).catch(() => undefined);
  }
}

async function acquire(file: string, target: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (heldHere.has(file) || (owner !== process.pid && isAlive(owner))) {
      throw new AppError(
        'invalid-request',
        `A landing into ${target} is already running (process ${owner}); wait for it to finish, then try again.`,
      );
    }
    await unlink(file).catch(() => undefined);
  }
  throw new AppError('internal', `Could not take the landing lock ${file}.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
