import { cp, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export interface CopyReport {
  readonly copied: string[];
  readonly missing: string[];
}

/**
 * Copies git-ignored files the agent needs but git does not carry (e.g. `.env`) from the main
 * checkout into a new worktree. Paths stay inside the repository.
 */
export async function copyIntoWorktree(repo: string, worktree: string, files: readonly string[]): Promise<CopyReport> {
  const copied: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const source = path.resolve(repo, file);
    const relative = path.relative(repo, source);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new AppError('invalid-request', `"${file}" is outside the repository; only files inside it are copied.`);
    }
    if (!(await stat(source).catch(() => null))) {
      missing.push(relative);
      continue;
    }
    await cp(source, path.join(worktree, relative), { recursive: true, errorOnExist: false, force: true });
    copied.push(relative);
  }
  return { copied, missing };
}
