import { z } from 'zod';
import { type ContractGroup, ProjectRef } from './common';
import { nameSchema } from '../display-name';

/** A plan as the editor holds it: the file's text (JSON or YAML), checked and run as written. */
const PlanText = z
  .string()
  .min(1)
  .max(1024 * 1024);
const PlanSource = z.object({ projectId: z.string().min(1), text: PlanText }).strict();
const RunRef = z.object({ runId: z.string().min(1) }).strict();

export const PlanCheckResultSchema = z.object({
  ok: z.boolean(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  warnings: z.array(
    z.object({
      kind: z.string(),
      tasks: z.array(z.string()),
      paths: z.array(z.string()),
      message: z.string(),
    }),
  ),
  waves: z.array(z.array(z.string())),
});
export type PlanCheckResultView = z.infer<typeof PlanCheckResultSchema>;

export const DryRunReportSchema = z.object({
  dryRun: z.literal(true),
  target: z.string(),
  waves: z.array(z.array(z.string())),
  tasks: z.array(
    z.object({
      name: z.string(),
      wave: z.number(),
      branch: z.string(),
      worktree: z.string(),
      dependsOn: z.array(z.string()),
      argv: z.array(z.string()),
    }),
  ),
  preflight: z.array(z.array(z.string())),
});
export type DryRunReportView = z.infer<typeof DryRunReportSchema>;

/** How a task of a plan run ended: the runner's final statuses (run.json, `plan run --json`). */
export const planTaskStatuses = [
  'landed',
  'failed',
  'verify-failed',
  'conflict',
  'timeout',
  'over-budget',
  'skipped',
  'not-run',
] as const;

/**
 * Where a task of an app run is: the runner's final statuses, or on the way there. `plan-ready`:
 * a "plan first" agent has written its plan and waits for Approve / Request changes;
 * `awaiting-approval`: done and verified, it lands once its review is approved; `pick-attempt`: its
 * attempts ended and the dispatcher picks one in their Compare view (`"pick": "manual"`).
 */
export const planTaskPhases = [
  'waiting',
  'running',
  'plan-ready',
  'awaiting-approval',
  'pick-attempt',
  'verifying',
  'landing',
  ...planTaskStatuses,
] as const;
export type PlanTaskPhase = (typeof planTaskPhases)[number];

export const PlanRunTaskSchema = z.object({
  name: z.string(),
  wave: z.number(),
  branch: z.string(),
  dependsOn: z.array(z.string()),
  phase: z.enum(planTaskPhases),
  /** The task's thread once it has started: an ordinary thread (terminal, review, queue). */
  threadId: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** The brief's verification: null until it ran. */
  verified: z.boolean().nullable(),
  planFirst: z.boolean(),
  /** Why it ended as it did (the run log's detail, in words). */
  note: z.string().nullable(),
  /** A task with attempts: its attempt group (electron/attempts), compared and picked in its Compare view. */
  attemptGroupId: z.string().nullable().default(null),
});
export type PlanRunTask = z.infer<typeof PlanRunTaskSchema>;

export const PlanRunEventSchema = z.object({
  at: z.string(),
  task: z.string().nullable(),
  event: z.string(),
  detail: z.unknown(),
});
export type PlanRunEventView = z.infer<typeof PlanRunEventSchema>;

export const PlanRunViewSchema = z.object({
  runId: z.string(),
  projectId: z.string(),
  target: z.string(),
  autoLand: z.boolean(),
  state: z.enum(['running', 'stopping', 'done', 'failed', 'stopped']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  backupRef: z.string().nullable(),
  waves: z.array(z.array(z.string())),
  tasks: z.array(PlanRunTaskSchema),
  /** The last events of run.jsonl. */
  log: z.array(PlanRunEventSchema),
  logFile: z.string(),
  /** Set when the run could not go on (preflight failed, an unforeseen error). */
  problem: z.string().nullable(),
});
export type PlanRunView = z.infer<typeof PlanRunViewSchema>;

export const PlanFileSchema = z.object({ path: z.string(), name: z.string() });

/** `plans.*`: plan files checked, dry-run and run in the app, each task an ordinary thread (issue 14). */
export const plansContract = {
  requests: {
    'plans.check': { request: PlanSource, response: PlanCheckResultSchema },
    'plans.dryRun': {
      request: PlanSource,
      response: z.object({ check: PlanCheckResultSchema, report: DryRunReportSchema.nullable() }),
    },
    /** Starts the run; refused (with the check's errors) when the plan does not pass its check. */
    'plans.run': { request: PlanSource, response: PlanRunViewSchema },
    'plans.stop': { request: RunRef, response: PlanRunViewSchema },
    'plans.rollback': {
      request: z.object({ runId: z.string().min(1), force: z.boolean().default(false) }).strict(),
      response: z.object({ target: z.string(), from: z.string(), to: z.string(), unchanged: z.boolean() }),
    },
    /** Plan files in the project (.switchyard/plans/). */
    'plans.list': { request: ProjectRef, response: z.array(PlanFileSchema) },
    'plans.read': {
      request: z.object({ projectId: z.string().min(1), path: z.string().min(1).max(4096) }).strict(),
      response: z.object({ path: z.string(), text: z.string() }),
    },
    /** Writes the plan into the project: `path` relative to it, by default .switchyard/plans/<name>.json. */
    'plans.save': {
      request: z
        .object({
          projectId: z.string().min(1),
          name: nameSchema(100),
          path: z.string().max(4096).optional(),
          text: PlanText,
        })
        .strict(),
      response: PlanFileSchema,
    },
    /** A plan started from a Markdown checklist: one task per `- [ ]` line, as JSON text to fill in. */
    'plans.fromChecklist': {
      request: z.object({ projectId: z.string().min(1), markdown: z.string().max(200_000) }).strict(),
      response: z.object({ text: z.string(), tasks: z.number() }),
    },
    /** The app's runs, newest first. */
    'plans.runs': { request: z.object({}).strict(), response: z.array(PlanRunViewSchema) },
    /** A "plan first" task's plan: approve it (the agent goes on) or send changes through its follow-up queue. */
    'plans.gate': {
      request: z
        .object({
          runId: z.string().min(1),
          task: z.string().min(1),
          decision: z.enum(['approve', 'request-changes']),
          text: z.string().trim().max(20_000).optional(),
        })
        .strict(),
      response: PlanRunViewSchema,
    },
  },
  events: {
    'plan.run': PlanRunViewSchema,
  },
} as const satisfies ContractGroup<'plans', 'plan'>;
