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
  'unsupported',
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
