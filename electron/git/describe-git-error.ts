import { AppError, type ErrorKind } from '../../shared/errors';
import { GitError } from './core';
import type { GitErrorKind } from './git-error-kind';

/** What the user is told about one kind of git failure: the contract's kind, words, and specifics. */
interface Description {
  readonly kind: ErrorKind;
  /** A clause: no capital, no full stop, so it reads alone and after "Could not …: ". */
  readonly text: string;
  readonly details?: Record<string, unknown>;
}

/**
 * The user's words for every kind of git failure, in one place (the kind itself is read off git's
 * output once, in git-error-kind.ts). Each names the specifics git gave and what to do about it.
 */
const describers: { readonly [K in GitErrorKind]: (failure: GitError) => Description } = {
  'identity-missing': (f) => ({
    kind: 'identity-missing',
    text: `git has no author identity to commit with${where(f)}; set one with \`git config --global user.name "Your Name"\` and \`git config --global user.email you@example.com\` (leave out --global for this repository only), then try again`,
  }),
  'not-a-repository': (f) => ({
    kind: 'not-a-repo',
    text: `${f.cwd || 'the folder'} is not inside a git repository (or its .git folder is gone or damaged)`,
  }),
  'unsafe-repository': (f) => {
    const repo = quoted(f, /dubious ownership in repository at '([^']+)'/) ?? f.cwd;
    return {
      kind: 'permission-denied',
      text: `git refuses to work in ${repo} because another user owns it; if you trust it, run \`git config --global --add safe.directory ${repo}\`, then try again`,
    };
  },
  'ref-moved': (f) => {
    const ref = shortRef(quoted(f, /cannot lock ref '([^']+)'/) ?? 'the branch');
    const at = /is at ([0-9a-f]+) but expected ([0-9a-f]+)/.exec(f.result.stderr);
    const now = at ? ` (it is at ${at[1]?.slice(0, 7)}, not ${at[2]?.slice(0, 7)})` : '';
    return {
      kind: 'ref-moved',
      text: `${ref} moved meanwhile${now}, so it was not overwritten; try again from where it is now`,
    };
  },
  'permission-denied': (f) => ({
    kind: 'permission-denied',
    text: `git was not allowed to read or write something${where(f)} (${gitSays(f)}); check who owns that folder and its permissions`,
  }),
  'ref-locked': (f) => {
    const lock = quoted(f, /Unable to create '([^']+\.lock)'/);
    return {
      kind: 'git-locked',
      text: `another git process is working in this repository${lock ? ` (git found ${lock})` : ''}; wait for it to finish or, if no git is running there, delete that file and try again`,
    };
  },
  'not-fast-forward': (f) => ({
    kind: 'ref-moved',
    text: `the branch checked out${where(f)} has commits that the new tip does not contain, so it cannot be fast-forwarded`,
  }),
  'branch-exists': (f) => {
    const branch = quoted(f, /a branch named '([^']+)'/i) ?? '';
    return { kind: 'branch-exists', text: `a branch named "${branch}" already exists`, details: { branch } };
  },
  'branch-in-use': (f) => {
    const branch =
      quoted(f, /'([^']+)' is already (?:checked out|used by worktree) at/) ?? quoted(f, /branch '([^']+)'/);
    const at = quoted(f, /(?:checked out|used by worktree) at '([^']+)'/);
    return {
      kind: 'worktree-exists',
      text: `${branch ? `"${branch}"` : 'the branch'} is checked out${at ? ` at ${at}` : ' in another worktree'}; git lets a branch be checked out in one worktree at a time`,
      details: { branch, path: at },
    };
  },
  'worktree-locked': (f) => {
    const at = quoted(f, /'([^']+)' is a missing but locked worktree/);
    return {
      kind: 'git-locked',
      text: `the worktree${at ? ` ${at}` : ''} is locked (git worktree lock); unlock it with \`git worktree unlock <its path>\` first`,
    };
  },
  'worktree-exists': (f) => {
    const registered = quoted(f, /'([^']+)' is a missing but already registered worktree/);
    if (registered) {
      return {
        kind: 'worktree-exists',
        text: `git still has a worktree registered at ${registered} although its folder is gone; run \`git worktree prune\`, then try again`,
        details: { path: registered },
      };
    }
    const at = quoted(f, /'([^']+)' already exists/) ?? '';
    return {
      kind: 'worktree-exists',
      text: `${at || 'the folder'} already exists; pick another folder or remove that one`,
      details: { path: at },
    };
  },
  'dirty-worktree': (f) => {
    const worktree = quoted(f, /'([^']+)' contains modified or untracked files/);
    if (worktree) {
      return {
        kind: 'dirty-checkout',
        text: `${worktree} has modified or untracked files, so git will not remove it`,
        details: { files: [], checkout: worktree },
      };
    }
    const files = listedFiles(f.result.stderr);
    return {
      kind: 'dirty-checkout',
      text: `uncommitted changes${where(f)} would be overwritten${files.length ? ` (${some(files)})` : ''}; commit or stash them, then try again`,
      details: { files, checkout: f.cwd },
    };
  },
  'merge-conflict': (f) => {
    const files = [
      ...new Set(
        [...`${f.result.stdout}\n${f.result.stderr}`.matchAll(/Merge conflict in (.+)$/gm)].map((m) => m[1] ?? ''),
      ),
    ].filter(Boolean);
    return {
      kind: 'merge-conflict',
      text: `the changes conflict${files.length ? ` in ${some(files)}` : ''}${where(f)}`,
      details: { files },
    };
  },
  'bad-revision': (f) => {
    const name =
      quoted(f, /ambiguous argument '([^']+)'/) ??
      quoted(f, /not a valid object name:? '?([^'\s]+)'?/i) ??
      quoted(f, /invalid reference: (\S+)/) ??
      quoted(f, /bad revision '([^']+)'/) ??
      quoted(f, /^\S+: (\S+) - not something we can merge/m);
    return {
      kind: 'not-found',
      text: name
        ? `git knows no branch, tag or commit named ${name}${where(f)}`
        : `git could not find a commit it was given${where(f)} (${gitSays(f)})`,
    };
  },
  'nothing-to-commit': (f) => ({ kind: 'nothing-to-commit', text: `there is nothing to commit${where(f)}` }),
  'disk-full': (f) => ({
    kind: 'disk-full',
    text: `the disk is full (git could not write${where(f)}); free some space, then try again`,
  }),
  unknown: (f) => ({ kind: 'internal', text: f.message }),
};

/**
 * The AppError a git failure is shown as. `doing` says what failed, e.g. "Could not merge x into
 * y", and comes first; without it the description stands alone. An unrecognised failure is an
 * internal error with git's own first line.
 */
export function describeGitError(error: GitError, doing?: string): AppError {
  const { kind, text, details } = describers[error.kind](error);
  const message =
    error.kind === 'unknown'
      ? doing
        ? `${doing}: ${text}`
        : text
      : doing
        ? `${doing}: ${text}.`
        : `${capitalize(text)}.`;
  return new AppError(kind, message, details);
}

/** Why something failed, as a clause to put after a colon: a git failure's description, else the error's message. */
export function failureDetail(error: unknown): string {
  if (error instanceof GitError) {
    return error.kind === 'unknown' ? error.result.stderr.trim() || error.message : describers[error.kind](error).text;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `work`; a git failure of a known kind comes out in the user's words, after `doing` (what was
 * being done). An unrecognised one goes on as it is, for the dispatcher to log and report.
 */
export async function describingGitErrors<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GitError && error.kind !== 'unknown') throw describeGitError(error, doing);
    throw error;
  }
}

function where(failure: GitError): string {
  return failure.cwd ? ` in ${failure.cwd}` : '';
}

function quoted(failure: GitError, pattern: RegExp): string | null {
  return pattern.exec(failure.result.stderr)?.[1] ?? null;
}

/** git's own line about it, "fatal: " and the like taken off. */
function gitSays(failure: GitError): string {
  const line =
    failure.result.stderr.split('\n').find((l) => /^(?:fatal|error): /.test(l)) ??
    failure.result.stderr.trim().split('\n')[0] ??
    '';
  return line.replace(/^(?:fatal|error): /, '').trim();
}

/** The tab-indented file list git prints under "… would be overwritten by …:". */
function listedFiles(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('\t'))
    .map((line) => line.trim())
    .filter(Boolean);
}

function some(files: readonly string[], shown = 5): string {
  return `${files.slice(0, shown).join(', ')}${files.length > shown ? ', …' : ''}`;
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
