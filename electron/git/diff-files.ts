import type { FileChangeKind } from '../../shared/review';
import { gitOutput } from './core';
import { readOnly } from './read-only';

/** git's status letters (raw diff and porcelain status alike). */
export const kindByLetter: Record<string, FileChangeKind> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

export interface RawEntry {
  readonly path: string;
  readonly oldPath: string | null;
  readonly kind: FileChangeKind;
  readonly oldMode: string | null;
  readonly newMode: string | null;
  readonly oldBlob: string;
  readonly newBlob: string;
}

/** `--raw -z`: ":oldmode newmode oldsha newsha STATUS\0path\0" (renames and copies: "\0old\0new\0"). */
export function parseRaw(out: string): RawEntry[] {
  const entries: RawEntry[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i];
    if (!meta?.startsWith(':')) continue;
    const [oldMode = '', newMode = '', oldBlob = '', newBlob = '', status = 'M'] = meta.slice(1).split(' ');
    const letter = status.charAt(0);
    const twoPaths = letter === 'R' || letter === 'C';
    const first = fields[i + 1] ?? '';
    const second = twoPaths ? (fields[i + 2] ?? '') : null;
    i += twoPaths ? 2 : 1;
    entries.push({
      path: second ?? first,
      oldPath: twoPaths ? first : null,
      kind: kindByLetter[letter] ?? 'modified',
      oldMode: /^0+$/.test(oldMode) ? null : oldMode,
      newMode: /^0+$/.test(newMode) ? null : newMode,
      oldBlob,
      newBlob,
    });
  }
  return entries;
}

export interface NumstatEntry {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  readonly binary: boolean;
}

/** `--numstat -z`: "added\tremoved\tpath\0" or, for renames and copies, "added\tremoved\t\0old\0new\0". */
export function parseNumstatEntries(out: string): NumstatEntry[] {
  const entries: NumstatEntry[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const [added = '0', removed = '0', inlinePath = ''] = field.split('\t');
    let path = inlinePath;
    if (!inlinePath) {
      path = fields[i + 2] ?? '';
      i += 2;
    }
    const binary = added === '-' && removed === '-';
    entries.push({ path, added: binary ? 0 : Number(added), removed: binary ? 0 : Number(removed), binary });
  }
  return entries;
}

const renameFlags = ['--find-renames', '--find-copies'];

/** What every diff of the review runs with: plain output, and renames and copies found or not (see file-patch.ts). */
export function diffFlags(options: { renames: boolean }): string[] {
  return ['--no-color', '--no-ext-diff', ...(options.renames ? renameFlags : ['--no-renames'])];
}

/**
 * Files changed by a `git diff` with `args` selecting what to compare (e.g. `[base, head]`,
 * `['--cached', 'HEAD']`, or nothing for index → worktree): paths, kinds, modes and blob ids, no
 * counts. Cheap: git compares blob ids and never diffs contents (except for rename detection).
 * `renames` is off for comparisons with the worktree, whose new files are untracked rather than renamed.
 */
export async function rawChanges(cwd: string, args: readonly string[], options: { renames: boolean }) {
  return parseRaw(
    await gitOutput(cwd, ['diff', '--raw', '-z', '--no-abbrev', ...diffFlags(options), ...args], readOnly),
  );
}

/** Added and removed lines per file of the same comparison: the costly part (a diff of every file). */
export async function numstatChanges(cwd: string, args: readonly string[], options: { renames: boolean }) {
  return parseNumstatEntries(
    await gitOutput(cwd, ['diff', '--numstat', '-z', ...diffFlags(options), ...args], readOnly),
  );
}
