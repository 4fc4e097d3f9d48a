import { z } from 'zod';

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

export const ErrorKindSchema = z.enum(errorKinds);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const WireErrorSchema = z.object({
  kind: ErrorKindSchema,
  message: z.string(),
  /** Structured specifics, e.g. the conflicting files of a merge. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

/**
 * The shape of `details` for the kinds that carry them, so the UI can rely on it. Kinds not
 * listed carry no details the UI needs.
 */
export const errorDetailSchemas = {
  'merge-conflict': z.object({ files: z.array(z.string()) }),
  'dirty-checkout': z.object({ files: z.array(z.string()), checkout: z.string() }),
  /**
   * unmergedCommits is -1 when the base branch is gone and the count is unknown; it includes
   * detachedCommits (only a detached HEAD holds them). ignoredFiles and nestedRepositories: what
   * no backup can keep.
   */
  'unsaved-work': z.object({
    uncommittedFiles: z.array(z.string()),
    unmergedCommits: z.number().int(),
    detachedCommits: z.number().int().optional(),
    ignoredFiles: z.array(z.string()).optional(),
    nestedRepositories: z.array(z.string()).optional(),
  }),
  'agent-missing': z.object({ binary: z.string(), profileId: z.string() }),
} as const;
export type ErrorDetails<K extends keyof typeof errorDetailSchemas> = z.infer<(typeof errorDetailSchemas)[K]>;

/** The details of `error` if it is of `kind` and they have the documented shape. */
export function detailsOf<K extends keyof typeof errorDetailSchemas>(
  error: WireError,
  kind: K,
): ErrorDetails<K> | null {
  if (error.kind !== kind) return null;
  const parsed = errorDetailSchemas[kind].safeParse(error.details);
  return parsed.success ? (parsed.data as ErrorDetails<K>) : null;
}

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

  toWire(): WireError {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
