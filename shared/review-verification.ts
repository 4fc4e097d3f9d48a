import { z } from 'zod';

export const verificationStates = ['running', 'passed', 'failed', 'cancelled', 'error', 'interrupted'] as const;
export const VerificationStateSchema = z.enum(verificationStates);
export type VerificationState = z.infer<typeof VerificationStateSchema>;

/** One run of one of the brief's verification commands, recorded against the commit it ran on. */
export const VerificationRunSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  /** Index of the command in the brief's verification commands when it ran. */
  commandIndex: z.number().int(),
  command: z.string(),
  /** What was executed: the command split into argv, or `[shell, '-c', command]`. */
  argv: z.array(z.string()),
  via: z.enum(['argv', 'shell']),
  /** HEAD of the worktree when the run started. */
  commit: z.string(),
  /** The worktree had uncommitted changes when the run started, so the result is not only the commit's. */
  dirty: z.boolean(),
  state: VerificationStateSchema,
  exitCode: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The last part of the output (the whole output streams into the pane while it runs). */
  output: z.string(),
  outputTruncated: z.boolean(),
});
export type VerificationRun = z.infer<typeof VerificationRunSchema>;

/** A run is stale once the branch has moved past the commit it ran on. */
export function isRunStale(run: Pick<VerificationRun, 'commit'>, head: string | null): boolean {
  return head !== null && run.commit !== head;
}
