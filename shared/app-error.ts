/**
 * The error kinds and the error class without zod: the agent host imports them (through the
 * thread runtime), and zod alone costs it ~10 MB of resident memory (docs/performance.md). The
 * wire schemas stay in errors.ts, which re-exports all of this.
 */

/**
 * Every failure that crosses the contract carries a `kind`, so the UI branches on data,
 * never on message text. The message is written for the user and names the specifics.
 */
export const errorKinds = [
  'invalid-request',
  'not-found',
  'not-a-repo',
  'no-commits',
  'git-too-old',
  'invalid-branch-name',
  'branch-exists',
  'worktree-exists',
  'base-not-found',
  'agent-missing',
  'dirty-checkout',
  'unsaved-work',
  'merge-conflict',
  'worktree-missing',
  /** git has no user.name / user.email to commit with. */
  'identity-missing',
  /** A git lock is held: another git is running, one crashed and left its `.lock` file, or a worktree is locked. */
  'git-locked',
  /** A branch moved while we worked (a compare-and-swap update, or a fast-forward, was refused). */
  'ref-moved',
  'nothing-to-commit',
  'permission-denied',
  'disk-full',
  'unsupported',
  /** The host is already running as many requests from this window as it will take; try again. */
  'busy',
  'internal',
] as const;

export type ErrorKind = (typeof errorKinds)[number];

/** The error type services throw; the dispatcher turns it into a WireError. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.details = details;
  }

  toWire(): { kind: ErrorKind; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
