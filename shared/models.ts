import { z } from 'zod';
import { BriefSchema } from './brief';
import { BudgetAlertSchema, BudgetSchema } from './budget';
import { ReviewDecisionSchema, unreviewed } from './review-decision';
import { ThreadUsageSchema } from './usage';

/**
 * What the dispatcher needs to know about an agent at a glance. `queued`: waiting for a free agent
 * slot; `rate-limited`: waiting on the provider's usage or rate limit (reason "rate-limited until
 * 15:00"); `stalled`: retrying a failing connection for over a minute, or no screen change for the
 * "stuck after" setting while working (reason "stalled: …" / "stuck? …"). Both still have a live
 * agent, like the four before them.
 */
export const threadStatuses = [
  'queued',
  'starting',
  'working',
  'needs-input',
  'idle',
  'rate-limited',
  'stalled',
  'done',
  'failed',
  'stopped',
] as const;
export const ThreadStatusSchema = z.enum(threadStatuses);
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

const finalThreadStatuses: readonly ThreadStatus[] = ['done', 'failed', 'stopped'];
/** Not ended: waiting to start, starting, or with a live agent (every status but done, failed, stopped). */
export const activeThreadStatuses: ReadonlySet<ThreadStatus> = new Set(
  threadStatuses.filter((status) => !finalThreadStatuses.includes(status)),
);

/**
 * Why a thread's agent ended when nobody watched it finish: `user` (threads.stop), `quit`
 * (Switchyard stopped it on the way out), `host-lost` (Switchyard went away without quitting, e.g. a
 * crash or kill -9), `exited-while-closed` (the agent host saw it exit while no window was open).
 * The words for each are in stop-reasons.ts.
 */
export const stopCauses = ['user', 'quit', 'host-lost', 'exited-while-closed'] as const;
export const StopCauseSchema = z.enum(stopCauses);
export type StopCause = z.infer<typeof StopCauseSchema>;

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Top level of the main checkout. */
  path: z.string(),
  /** Branch checked out in the main checkout when last looked at (null when detached). */
  currentBranch: z.string().nullable(),
  /** Folder that holds this project's thread worktrees. */
  worktreeRoot: z.string(),
  openedAt: z.string(),
  /** Template that turns a brief into the agent's first prompt; null uses the built-in one. */
  promptTemplate: z.string().nullable().default(null),
  /** Runs in each new worktree before its agent starts (argv, no shell unless the user names one). */
  setupCommand: z.array(z.string()).nullable().default(null),
  /** Git-ignored files (e.g. `.env`) copied from the main checkout into each new worktree. */
  copyFiles: z.array(z.string()).default([]),
});
export type Project = z.infer<typeof ProjectSchema>;

export const MergeRecordSchema = z.object({
  commit: z.string(),
  into: z.string(),
  at: z.string(),
});
export type MergeRecord = z.infer<typeof MergeRecordSchema>;

export const ThreadSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  branch: z.string(),
  baseBranch: z.string(),
  worktreePath: z.string(),
  profileId: z.string(),
  prompt: z.string(),
  status: ThreadStatusSchema,
  /** Why the thread is in its status, e.g. "asks: Apply this edit? (y/n)" or "exit 1: Not logged in". */
  statusReason: z.string().nullable(),
  /**
   * When the status last changed (ISO time, as the process running the agent saw it: the agent host
   * keeps it across app restarts). Null in records from before it was kept: unknown.
   */
  statusSince: z.string().nullable().default(null),
  exitCode: z.number().int().nullable(),
  /** Why the agent ended, when it ended without finishing on its own (null while it runs, or after done/failed). */
  stopCause: StopCauseSchema.nullable().default(null),
  /** The question the agent was asking when Switchyard quit or was lost: still shown after a restart. */
  pendingQuestion: z.string().nullable().default(null),
  createdAt: z.string(),
  merged: MergeRecordSchema.nullable(),
  /** True when the worktree folder has vanished from disk. */
  worktreeMissing: z.boolean(),
  brief: BriefSchema.nullable().default(null),
  mode: z.enum(['interactive', 'headless']).default('interactive'),
  /** Id of the profile's approval mode chosen for this thread. */
  approvalMode: z.string().default('default'),
  /** The thread runs with an approval-bypass flag: shown as a badge everywhere. */
  bypassApprovals: z.boolean().default(false),
  /** The custom command's argv, kept so the agent can be started again. */
  command: z.array(z.string()).nullable().default(null),
  /** The demo agent's scenario. */
  scenario: z.string().nullable().default(null),
  /** First of a block of ports reserved for this thread's dev servers (its PORT). */
  portBase: z.number().int().nullable().default(null),
  /** The dispatcher's review verdict on the branch (see the review pane). */
  review: ReviewDecisionSchema.default(unreviewed),
  /** Put away (e.g. rejected): its branch is kept, it leaves the active list. */
  archived: z.boolean().default(false),
  /** What its agent has spent, read from the agent's own records (null: none yet, or an agent whose records are not read). */
  usage: ThreadUsageSchema.nullable().default(null),
  /** The thread's own spending cap (its project's is kept apart, electron/usage/thread-usage-wiring.ts). */
  budget: BudgetSchema.nullable().default(null),
  /** Near (80 %) or over (100 %) its own or its project's budget. */
  budgetAlert: BudgetAlertSchema.nullable().default(null),
  /** The plan run that started it, if one did: its spend is booked to that run (kept across restarts). */
  planRunId: z.string().optional(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const AgentProfileInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  binary: z.string(),
  installed: z.boolean(),
  version: z.string().nullable(),
  /** How to install it, shown when it is missing. */
  installHint: z.string().nullable(),
  /** Whether the profile takes a user-written argv (the custom command profile). */
  takesCommand: z.boolean(),
  /** Whether the profile runs a demo scenario (the scripted demo agent). */
  takesScenario: z.boolean(),
  /** How it can run: always a live session; a one-shot headless run where the tool has one. */
  modes: z.array(z.enum(['interactive', 'headless'])).min(1),
  /** What the agent may do without asking, the safe default first; `bypass`: it acts without asking at all. */
  approvalModes: z.array(z.object({ id: z.string(), label: z.string(), bypass: z.boolean() })).min(1),
  /** Whether a stopped session can be continued (otherwise resume starts it again as created). */
  supportsResume: z.boolean(),
  /** Defined by the user in settings rather than built in. */
  custom: z.boolean(),
});
export type AgentProfileInfo = z.infer<typeof AgentProfileInfoSchema>;

export const MergeOutcomeSchema = z.object({
  into: z.string(),
  commit: z.string(),
  previousTip: z.string(),
  /** Where the base branch was checked out and fast-forwarded, if anywhere. */
  updatedCheckout: z.string().nullable(),
});
export type MergeOutcome = z.infer<typeof MergeOutcomeSchema>;

export const RemoveOutcomeSchema = z.object({
  threadId: z.string(),
  worktreeRemoved: z.boolean(),
  branchDeleted: z.boolean(),
  /** Ref that keeps the discarded work reachable, when anything was discarded. */
  backupRef: z.string().nullable(),
  /** Ignored files and folders deleted with the worktree: no backup keeps them. */
  ignoredFiles: z.array(z.string()).optional(),
  /** Nested git repositories deleted with the worktree: no backup keeps their files or history. */
  nestedRepositories: z.array(z.string()).optional(),
});
export type RemoveOutcome = z.infer<typeof RemoveOutcomeSchema>;
