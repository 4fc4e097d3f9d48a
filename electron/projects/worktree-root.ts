import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { commonGitDir } from '../git/repo';

/** `target` with its longest existing leading part resolved through symlinks (the rest may not exist yet). */
async function resolveExisting(target: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(target);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses a worktree folder inside git's own data: any `.git` folder on the way, or the
 * repository's git directory wherever it is (a separate git dir included). Worktrees there would
 * be read by git as its own files, and cleaning the repository would delete them.
 */
export async function assertWorktreeRootOutsideGit(repo: string, root: string): Promise<void> {
  const resolved = path.resolve(root);
  const segments = resolved.split(path.sep);
  const gitDir = await resolveExisting(await commonGitDir(repo));
  const real = await resolveExisting(resolved);
  if (segments.some((segment) => segment.toLowerCase() === '.git') || isInside(real, gitDir)) {
    throw new AppError(
      'invalid-request',
      `The worktree folder ${root} is inside a .git folder (the repository's git data, ${gitDir}); choose a folder outside it, like ${repo}.worktrees.`,
      { path: root },
    );
  }
}
