import { kindByLetter, type RawEntry } from './diff-files';
import { gitOutput } from './core';
import { readOnly } from './read-only';

/** What is not committed in a worktree: staged (HEAD → index), unstaged (index → worktree), untracked. */
export interface WorktreeStatus {
  readonly staged: RawEntry[];
  readonly unstaged: RawEntry[];
  readonly untracked: string[];
}

const zeroBlob = '0'.repeat(40);

function mode(value: string | undefined): string | null {
  return !value || /^0+$/.test(value) ? null : value;
}

/**
 * `git status --porcelain=v2 -z`, read into the three uncommitted sections:
 *   "1 XY sub mH mI mW hH hI path"             X: staged change, Y: unstaged change ('.' = none)
 *   "2 XY sub mH mI mW hH hI Xscore path\0orig" a staged rename or copy
 *   "u XY sub m1 m2 m3 mW h1 h2 h3 path"        unmerged (a conflict)
 *   "? path"                                    untracked
 * Staged entries carry blob ids on both sides; unstaged ones the index blob and zeros for the
 * worktree side, as `git diff --raw` writes them.
 */
export function parseStatus(out: string): WorktreeStatus {
  const staged: RawEntry[] = [];
  const unstaged: RawEntry[] = [];
  const untracked: string[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    const type = field.charAt(0);
    if (type === '?') {
      untracked.push(field.slice(2));
      continue;
    }
    if (type !== '1' && type !== '2' && type !== 'u') continue;
    const parts = field.split(' ');
    const x = parts[1]?.charAt(0) ?? '.';
    const y = parts[1]?.charAt(1) ?? '.';
    if (type === 'u') {
      // Paths may hold spaces: the path is everything after the fixed fields.
      const path = parts.slice(10).join(' ');
      const [, , , , m2, , mW, , h2] = parts;
      staged.push({
        path,
        oldPath: null,
        kind: 'modified',
        oldMode: mode(m2),
        newMode: null,
        oldBlob: h2 ?? zeroBlob,
        newBlob: zeroBlob,
      });
      unstaged.push({
        path,
        oldPath: null,
        kind: 'modified',
        oldMode: null,
        newMode: mode(mW),
        oldBlob: zeroBlob,
        newBlob: zeroBlob,
      });
      continue;
    }
    const [, , , mH, mI, mW, hH = zeroBlob, hI = zeroBlob] = parts;
    const path = parts.slice(type === '2' ? 9 : 8).join(' ');
    const oldPath = type === '2' ? (fields[++i] ?? null) : null;
    if (x !== '.') {
      staged.push({
        path,
        oldPath: x === 'R' || x === 'C' ? oldPath : null,
        kind: kindByLetter[x] ?? 'modified',
        oldMode: mode(mH),
        newMode: mode(mI),
        oldBlob: hH,
        newBlob: hI,
      });
    }
    if (y !== '.') {
      unstaged.push({
        path,
        oldPath: null,
        kind: kindByLetter[y] ?? 'modified',
        oldMode: mode(mI),
        newMode: mode(mW),
        oldBlob: hI,
        newBlob: zeroBlob,
      });
    }
  }
  return { staged, unstaged, untracked };
}

/**
 * Everything uncommitted in one git call (each call costs a process): staged changes with
 * renames and copies detected (as `git diff --cached --find-renames --find-copies HEAD` would),
 * unstaged changes, and untracked files one by one, ignored ones left out.
 */
export async function worktreeStatus(worktree: string): Promise<WorktreeStatus> {
  const out = await gitOutput(
    worktree,
    ['-c', 'status.renames=copies', 'status', '--porcelain=v2', '-z', '--untracked-files=all'],
    readOnly,
  );
  return parseStatus(out);
}
