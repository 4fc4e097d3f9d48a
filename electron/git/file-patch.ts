import type { ReviewSection } from '../../shared/review';
import { runGit } from './core';
import { diffFlags } from './diff-files';
import { readOnly } from './read-only';

const patchFlags = ['-c', 'core.quotePath=false'];

/** The file list's flags (so a rename it lists is a rename here too), with full blob ids. */
function flags(options: { renames: boolean }): string[] {
  return [...diffFlags(options), '--full-index'];
}

/** Pathspecs taken literally: a file named `[a].ts` or `*.md` means itself. */
function literal(...paths: Array<string | null>): string[] {
  return paths.filter((p): p is string => p !== null).map((p) => `:(literal)${p}`);
}

export interface FilePatchTarget {
  readonly section: ReviewSection;
  readonly path: string;
  readonly oldPath: string | null;
  /** The base branch's commit: committed changes are `base...head`, i.e. from their merge base. */
  readonly base: string;
  readonly head: string;
}

/**
 * The unified diff of one file in one section, exactly as git writes it (binary files as
 * "Binary files … differ", submodules as "Subproject commit" lines).
 */
export async function filePatch(worktree: string, target: FilePatchTarget): Promise<string> {
  const paths = literal(target.oldPath, target.path);
  switch (target.section) {
    case 'committed':
      return run(worktree, ['diff', ...flags({ renames: true }), `${target.base}...${target.head}`, '--', ...paths]);
    case 'staged':
      return run(worktree, ['diff', ...flags({ renames: true }), '--cached', 'HEAD', '--', ...paths]);
    case 'unstaged':
      return run(worktree, ['diff', ...flags({ renames: false }), '--', ...paths]);
    case 'untracked':
      // Exit 1 means "they differ", which a new file always does.
      return run(
        worktree,
        ['diff', ...flags({ renames: false }), '--no-index', '--', '/dev/null', target.path],
        [0, 1],
      );
  }
}

async function run(worktree: string, args: string[], okExitCodes: number[] = [0]): Promise<string> {
  return (await runGit(worktree, [...patchFlags, ...args], { ...readOnly, okExitCodes })).stdout;
}
