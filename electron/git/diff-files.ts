import type { FileChangeKind } from '../../shared/review';
import { gitOutput } from './core';
import { readOnly } from './read-only';

/** One changed file as git's raw and numstat formats describe it together. */
export interface ChangedFile {
  readonly path: string;
  readonly oldPath: string | null;
  readonly kind: FileChangeKind;
  readonly added: number;
  readonly removed: number;
  readonly binary: boolean;
  readonly oldMode: string | null;
  readonly newMode: string | null;
  /** Blob ids (all zeros for the worktree side, which has no blob yet). */
  readonly oldBlob: string;
  readonly newBlob: string;
}

const kindByLetter: Record<string, FileChangeKind> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

interface RawEntry {
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

interface NumstatEntry {
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

/** Joins the two listings; git emits both in the same order, but they are matched by path to be sure. */
export function joinRawAndNumstat(raw: readonly RawEntry[], numstat: readonly NumstatEntry[]): ChangedFile[] {
  const counts = new Map(numstat.map((entry) => [entry.path, entry]));
  return raw.map((entry) => {
    const count = counts.get(entry.path);
    return {
      ...entry,
      added: count?.added ?? 0,
      removed: count?.removed ?? 0,
      binary: count?.binary ?? false,
    };
  });
}

const renameFlags = ['--find-renames', '--find-copies'];

/**
 * Files changed by a `git diff` with `args` selecting what to compare (e.g. `[base, head]`,
 * `['--cached', 'HEAD']`, or nothing for index → worktree). `renames` is off for comparisons with
 * the worktree, whose new files are untracked rather than renamed.
 */
export async function changedFiles(
  cwd: string,
  args: readonly string[],
  options: { renames: boolean },
): Promise<ChangedFile[]> {
  const flags = ['--no-color', '--no-ext-diff', ...(options.renames ? renameFlags : ['--no-renames'])];
  const [raw, numstat] = await Promise.all([
    gitOutput(cwd, ['diff', '--raw', '-z', '--no-abbrev', ...flags, ...args], readOnly),
    gitOutput(cwd, ['diff', '--numstat', '-z', ...flags, ...args], readOnly),
  ]);
  return joinRawAndNumstat(parseRaw(raw), parseNumstatEntries(numstat));
}
