import { z } from 'zod';
import { ReviewStateSchema } from './review-decision';

/** How one queue entry lands: a merge commit, one squashed commit, or its commits replayed on top. */
export const landModes = ['merge', 'squash', 'rebase'] as const;
export const LandModeSchema = z.enum(landModes);
export type LandMode = z.infer<typeof LandModeSchema>;

/** One cell of the conflict matrix: two branches, or a branch and the target. */
export const PairVerdictSchema = z.object({
  a: z.string(),
  b: z.string(),
  clean: z.boolean(),
  /** Files git could not merge. */
  conflicts: z.array(z.string()),
  /** Files both sides changed (a clean pair can still overlap: worth a look). */
  overlap: z.array(z.string()),
});
export type PairVerdict = z.infer<typeof PairVerdictSchema>;

export const ConflictMatrixSchema = z.object({
  target: z.string(),
  targetTip: z.string(),
  /** Branch → tip the verdicts were computed on. */
  tips: z.record(z.string(), z.string()),
  pairs: z.array(PairVerdictSchema),
  /** Branch → the files it changes since it left the target's history. */
  files: z.record(z.string(), z.array(z.string())),
  /** How many pairs needed a fresh merge-tree (the rest came from the cache). */
  computedPairs: z.number().int(),
});
export type ConflictMatrix = z.infer<typeof ConflictMatrixSchema>;

export const StopReasonSchema = z.enum(['conflict', 'verify-failed']);

/** Where and why a landing stopped; the target is at its commit before this entry. */
export const LandingStopSchema = z.object({
  branch: z.string(),
  reason: StopReasonSchema,
  /** Conflicting files, or (verify-failed) the files the entry changes. */
  files: z.array(z.string()),
  /** The tail of the verification output (bounded). */
  output: z.string(),
  exitCode: z.number().int().nullable(),
});
export type LandingStop = z.infer<typeof LandingStopSchema>;

export const LandingOutcomeSchema = z.object({
  target: z.string(),
  before: z.string(),
  after: z.string(),
  landed: z.array(z.string()),
  /** Branch → the commit that landed it (the target's tip right after it). */
  commits: z.record(z.string(), z.string()),
  stopped: LandingStopSchema.nullable(),
  /** The commit that gathered changelog fragments, if any were found. */
  changelogCommit: z.string().nullable(),
  /**
   * Set when the target is checked out in a checkout with uncommitted changes: the landing is kept
   * under a Switchyard ref and this says exactly what to run there once it is clean.
   */
  checkoutNotice: z.string().nullable(),
  /** Set when an interrupted landing was found and undone before this one started. */
  recovered: z.string().nullable(),
});
export type LandingOutcome = z.infer<typeof LandingOutcomeSchema>;

export const ChangelogSettingsSchema = z.object({
  file: z.string().trim().min(1).max(500).default('CHANGELOG.md'),
  heading: z.string().trim().min(1).max(200).default('## Unreleased'),
});
export type ChangelogSettings = z.infer<typeof ChangelogSettingsSchema>;

/** Per project: where the queue lands and how. */
export const QueueSettingsSchema = z.object({
  /** null: the project's base branch (its checked-out branch); else `integration/<name>`, made from the base. */
  integrationName: z.string().trim().min(1).max(120).nullable().default(null),
  /** The base branch; null means the branch checked out in the main checkout. */
  base: z.string().trim().min(1).max(255).nullable().default(null),
  mode: LandModeSchema.default('merge'),
  /** Run in the integration worktree after each entry (argv; a shell only if named). */
  verify: z.array(z.string().max(4096)).max(200).nullable().default(null),
  /** Gather changelog fragments into this file under this heading; null turns gathering off. */
  changelog: ChangelogSettingsSchema.nullable().default({ file: 'CHANGELOG.md', heading: '## Unreleased' }),
});
export type QueueSettings = z.infer<typeof QueueSettingsSchema>;

export const EntryRiskSchema = z.enum(['conflict', 'overlap', 'clean', 'unknown']);
export type EntryRisk = z.infer<typeof EntryRiskSchema>;

export const QueueEntryViewSchema = z.object({
  threadId: z.string(),
  name: z.string(),
  branch: z.string(),
  tip: z.string().nullable(),
  reviewState: ReviewStateSchema,
  /** Approved, but on an older commit than the branch tip now. */
  approvalStale: z.boolean(),
  /** Queued without approval, explicitly. */
  queuedAnyway: z.boolean(),
  /** Skipped after a stop; left out of "Land all" until put back. */
  skipped: z.boolean(),
  risk: EntryRiskSchema,
  /** Why the risk: e.g. "conflicts with Polish README in README.md". */
  riskReasons: z.array(z.string()),
  /** Its place in the suggested order (0-based), null when no order can be suggested (cycle). */
  suggestedIndex: z.number().int().nullable(),
  /** Why it sits where the suggestion puts it. */
  orderReason: z.string(),
  dependsOn: z.array(z.string()),
  /** Open blocking findings a reviewer agent left on it (issue 15); the suggested order puts such entries last. */
  blockingFindings: z.number().int().default(0),
});
export type QueueEntryView = z.infer<typeof QueueEntryViewSchema>;

export const LandingProgressSchema = z.object({
  projectId: z.string(),
  running: z.boolean(),
  branch: z.string().nullable(),
  step: z.enum(['preparing', 'applying', 'verifying', 'publishing', 'changelog', 'done']),
});
export type LandingProgress = z.infer<typeof LandingProgressSchema>;

export const QueueViewSchema = z.object({
  projectId: z.string(),
  settings: QueueSettingsSchema,
  /** The branch landed into, and its tip (null when it does not exist yet). */
  target: z.string(),
  base: z.string(),
  targetTip: z.string().nullable(),
  entries: z.array(QueueEntryViewSchema),
  /** Threads of the project that could be queued anyway (not approved, not archived). */
  candidates: z.array(
    z.object({ threadId: z.string(), name: z.string(), branch: z.string(), reviewState: ReviewStateSchema }),
  ),
  matrix: ConflictMatrixSchema.nullable(),
  /** Why the matrix could not be computed (e.g. a queued branch was deleted). */
  matrixError: z.string().nullable(),
  /** Suggested order (thread ids), or the dependency cycle that prevents one (thread names). */
  suggestedOrder: z.array(z.string()).nullable(),
  cycle: z.array(z.string()).nullable(),
  landing: LandingProgressSchema.nullable(),
  lastOutcome: LandingOutcomeSchema.nullable(),
  /**
   * An interrupted landing found (and finished or undone) when the app started: what was done,
   * shown until the next landing.
   */
  recovery: z.string().nullable(),
  /** Thread id of the stopped entry of the last landing, while it is unresolved. */
  stoppedThreadId: z.string().nullable(),
  /** Threads already landed into the target, offered for cleanup. */
  landed: z.array(z.object({ threadId: z.string(), name: z.string(), branch: z.string() })),
});
export type QueueView = z.infer<typeof QueueViewSchema>;

export const CleanupItemSchema = z.object({
  /** What this is about: a thread name, a branch, a worktree folder. */
  subject: z.string(),
  removed: z.array(z.string()),
  kept: z.array(z.string()),
  backupRefs: z.array(z.string()),
});
export type CleanupItem = z.infer<typeof CleanupItemSchema>;

export const OrphansSchema = z.object({
  /** Worktrees git lists whose folders are gone (cleared by `git worktree prune`). */
  prunableWorktrees: z.array(z.string()),
  /** Branches under the Switchyard prefix that no thread owns. */
  branches: z.array(z.object({ branch: z.string(), merged: z.boolean() })),
  /** Thread records whose worktree folder vanished. */
  threads: z.array(z.object({ threadId: z.string(), name: z.string(), worktreePath: z.string() })),
});
export type Orphans = z.infer<typeof OrphansSchema>;

export const HandBackOutcomeSchema = z.object({
  rebased: z.boolean(),
  conflicts: z.array(z.string()),
  /** Whether the agent was told (it must be running to receive a message). */
  messaged: z.boolean(),
  newTip: z.string().nullable(),
  backupRef: z.string().nullable(),
  message: z.string(),
});
export type HandBackOutcome = z.infer<typeof HandBackOutcomeSchema>;

/** `integration/<name>`: where a queue lands when it does not land into the base itself. */
export function integrationBranchName(name: string): string {
  return `integration/${name}`;
}
