import { gitOutput } from './core';
import { readOnly } from './read-only';

/** Paths with staged, unstaged or (unless excluded) untracked changes; ignored files never count. */
export async function uncommittedPaths(
  worktree: string,
  options: { includeUntracked?: boolean } = {},
): Promise<string[]> {
  const untracked = options.includeUntracked === false ? 'no' : 'all';
  const out = await gitOutput(worktree, ['status', '--porcelain=v1', '-z', `--untracked-files=${untracked}`], readOnly);
  const paths: string[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const code = field.slice(0, 2);
    paths.push(field.slice(3));
    // Renames and copies carry the old path in the next field.
    if (code.startsWith('R') || code.startsWith('C')) i++;
  }
  return paths;
}
