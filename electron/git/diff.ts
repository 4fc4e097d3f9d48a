import type { DiffFile } from '../../shared/models';
import { gitOutput } from './core';
import { withEverythingStaged } from './snapshot';

const diffFlags = ['--no-color', '--no-ext-diff', '--find-renames', '--find-copies', '--full-index', '--binary'];

export interface DiffText {
  readonly patch: string;
  readonly files: DiffFile[];
}

/** What the branch committed since it left its base: merge-base..head. */
export async function committedDiff(worktree: string, mergeBase: string, head: string): Promise<DiffText> {
  const range = [mergeBase, head];
  const [patch, numstat] = await Promise.all([
    gitOutput(worktree, ['diff', ...diffFlags, ...range]),
    gitOutput(worktree, ['diff', '--numstat', '-z', '--find-renames', '--find-copies', ...range]),
  ]);
  return { patch: withoutBinaryPayload(patch), files: parseNumstat(numstat, 'committed') };
}

/** Everything not yet committed in the worktree (staged, unstaged and untracked) against HEAD. */
export async function uncommittedDiff(worktree: string): Promise<DiffText> {
  return withEverythingStaged(worktree, async (env) => {
    const [patch, numstat] = await Promise.all([
      gitOutput(worktree, ['diff', '--cached', ...diffFlags, 'HEAD'], { env }),
      gitOutput(worktree, ['diff', '--cached', '--numstat', '-z', '--find-renames', '--find-copies', 'HEAD'], { env }),
    ]);
    return { patch: withoutBinaryPayload(patch), files: parseNumstat(numstat, 'uncommitted') };
  });
}

/**
 * `--binary` makes git say "GIT binary patch" rather than guess; the base85 payload itself is
 * of no use to a reader, so it is replaced by git's short "Binary files differ" form.
 */
function withoutBinaryPayload(patch: string): string {
  return patch.replace(/^GIT binary patch\n[\s\S]*?\n\n(?=diff --git |$)/gm, 'Binary files differ\n');
}

/** numstat -z: "added\tremoved\tpath\0" or, for renames, "added\tremoved\t\0old\0new\0". */
export function parseNumstat(out: string, source: DiffFile['source']): DiffFile[] {
  const files: DiffFile[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const [added = '0', removed = '0', inlinePath = ''] = field.split('\t');
    const binary = added === '-' && removed === '-';
    let filePath = inlinePath;
    let oldPath: string | null = null;
    if (!inlinePath) {
      oldPath = fields[i + 1] ?? null;
      filePath = fields[i + 2] ?? '';
      i += 2;
    }
    files.push({
      path: filePath,
      oldPath,
      added: binary ? 0 : Number(added),
      removed: binary ? 0 : Number(removed),
      binary,
      source,
    });
  }
  return files;
}
