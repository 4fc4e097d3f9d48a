import { z } from 'zod';
import { errorKinds } from './app-error';

// The zod-free part (the agent host runs without zod): re-exported so every caller keeps this import.
export { AppError, type ErrorKind, errorKinds, isAppError } from './app-error';

/** The kinds a failure on the wire can carry (errorKinds, app-error.ts). */
export const ErrorKindSchema = z.enum(errorKinds);

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
