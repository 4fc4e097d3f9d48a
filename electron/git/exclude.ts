import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { commonGitDir } from './repo';

/** Appends in flight per exclude file, so two threads created at once cannot both add the line. */
const pendingByFile = new Map<string, Promise<void>>();

/**
 * Makes git ignore `pattern` in the main checkout and every worktree, through the repository's
 * shared exclude file (`<git-common-dir>/info/exclude`) rather than a tracked .gitignore, so
 * nothing the user commits changes. Adds the line once; safe to call again and concurrently.
 */
export async function ignoreInEveryWorktree(repo: string, pattern: string): Promise<void> {
  const excludeFile = path.join(await commonGitDir(repo), 'info', 'exclude');
  const previous = pendingByFile.get(excludeFile) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => addLineOnce(excludeFile, pattern));
  pendingByFile.set(excludeFile, next);
  try {
    await next;
  } finally {
    if (pendingByFile.get(excludeFile) === next) pendingByFile.delete(excludeFile);
  }
}

async function addLineOnce(file: string, line: string): Promise<void> {
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  if (existing.split(/\r?\n/).some((entry) => entry.trim() === line)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${line}\n`);
}
