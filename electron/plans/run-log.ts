import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { planTaskStatuses } from '../../shared/contract/plans';
import { AppError } from '../../shared/errors';
import type { PickedAttempt } from '../attempts/pick-attempt';

/** What happened in a plan run, one JSON object a line in run.jsonl. */
export type RunEventKind =
  | 'preflight'
  | 'preflight-failed'
  | 'target-created'
  | 'backup'
  | 'started'
  | 'needs-input'
  | 'finished'
  | 'timeout'
  | 'failed'
  | 'verified'
  | 'verify-failed'
  | 'landed'
  | 'conflict'
  | 'skipped'
  | 'interrupted'
  | 'over-budget'
  | 'budget-warning'
  | 'attempt-failed'
  | 'attempt-verified'
  | 'pick-needed'
  | 'picked'
  | 'attempt-set-aside'
  | 'postflight'
  | 'postflight-failed'
  | 'done';

export interface RunEvent {
  readonly at: string;
  readonly task: string | null;
  readonly event: RunEventKind;
  readonly detail: unknown;
}

export const taskStatuses = planTaskStatuses;
export type TaskRunStatus = (typeof taskStatuses)[number];

/** What `switchyard plan run --json` prints, and the heart of run.json. */
export interface PlanRunReport {
  readonly runId: string;
  readonly target: string;
  /** Null when preflight failed: then nothing was created, not even the backup. */
  readonly backupRef: string | null;
  readonly tasks: readonly {
    readonly name: string;
    readonly branch: string;
    readonly status: TaskRunStatus;
    readonly exitCode: number | null;
    /** Only for a task with attempts: each attempt as picked (pickAttempt's entries); `branch` is then the picked one's. */
    readonly attempts?: PickedAttempt[];
  }[];
  readonly landed: readonly string[];
  readonly log: string;
}

/** run.json: the report plus what rollback needs to know about the run. */
export const RunSummarySchema = z.object({
  runId: z.string(),
  repo: z.string(),
  target: z.string(),
  backupRef: z.string(),
  /** The target's commit when the run began (what backupRef points at). */
  before: z.string(),
  /** The target's commit when the run ended; null while it runs. Rollback refuses if the target moved from it. */
  after: z.string().nullable(),
  /** The run made the target from the base (it did not exist). */
  targetCreated: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  interrupted: z.boolean(),
  /** Task names by wave, as the plan's dependencies grouped them (an older run.json has none: one column then). */
  waves: z.array(z.array(z.string())).default([]),
  tasks: z.array(
    z.object({
      name: z.string(),
      branch: z.string(),
      /** The tasks it waited for (absent in an older run.json). */
      dependsOn: z.array(z.string()).optional(),
      status: z.enum(taskStatuses),
      exitCode: z.number().int().nullable(),
      attempts: z
        .array(
          z.object({
            branch: z.string(),
            status: z.string(),
            verified: z.boolean().nullable(),
            linesChanged: z.number(),
            score: z.number().nullable(),
            picked: z.boolean(),
          }),
        )
        .optional(),
    }),
  ),
  landed: z.array(z.string()),
  log: z.string(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Run ids sort by when the run began: `20261204-172449-3fa9c1` (UTC), then random so two runs a second apart differ. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const runIdPattern = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** Where a run keeps its log, summary and agents' output. */
export function runFolder(dataDir: string, runId: string): string {
  if (!runIdPattern.test(runId)) {
    throw new AppError(
      'invalid-request',
      `"${runId}" is not a plan run id (they look like 20261204-172449-3fa9c1; plan run prints it).`,
    );
  }
  return path.join(dataDir, 'plans', runId);
}

/** Where a set-aside attempt's work stays reachable once its branch and worktree are removed. */
export function attemptRefOf(runId: string, task: string, k: number): string {
  return `refs/switchyard/attempts/${runId}-${task}/${k}`;
}

/** The backup of the target a run records before its first task: rollback resets the target to it. */
export function backupRefOf(runId: string): string {
  return `refs/switchyard/plans/${runId}/before`;
}

/**
 * The run's log. Writes are appended in order (one chain), each a whole line, so a reader — or a
 * run that is interrupted — sees complete events only.
 */
export class RunLog {
  private chain: Promise<void> = Promise.resolve();
  readonly file: string;

  private constructor(readonly folder: string) {
    this.file = path.join(folder, 'run.jsonl');
  }

  /** Makes the run's folder (and its agents' output folder). */
  static async create(folder: string): Promise<RunLog> {
    await mkdir(path.join(folder, 'tasks'), { recursive: true });
    return new RunLog(folder);
  }

  /** Where a task's agent output goes (an attempt's: `<task>.attempt-<k>.log`). */
  taskOutputFile(task: string, attempt: number | null = null): string {
    return path.join(this.folder, 'tasks', attempt === null ? `${task}.log` : `${task}.attempt-${attempt}.log`);
  }

  add(task: string | null, event: RunEventKind, detail: unknown = null): Promise<void> {
    const line = `${JSON.stringify({ at: new Date().toISOString(), task, event, detail } satisfies RunEvent)}\n`;
    this.chain = this.chain.then(() => appendFile(this.file, line, 'utf8'));
    return this.chain;
  }

  flushed(): Promise<void> {
    return this.chain;
  }

  /** Writes run.json whole (to a temporary name first: a reader never sees half of it). */
  async writeSummary(summary: RunSummary): Promise<void> {
    const file = path.join(this.folder, 'run.json');
    await writeFile(`${file}.tmp`, `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
    await rename(`${file}.tmp`, file);
  }
}

/** Reads a run's run.json; a clear error when there is no such run. */
export async function readRunSummary(dataDir: string, runId: string): Promise<RunSummary> {
  const file = path.join(runFolder(dataDir, runId), 'run.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    throw new AppError(
      'not-found',
      `There is no plan run ${runId} in ${path.join(dataDir, 'plans')} (the folder of each run is named by its id).`,
    );
  }
  const parsed = RunSummarySchema.safeParse(JSONparse(text));
  if (!parsed.success) throw new AppError('invalid-request', `${file} is not a plan run summary Switchyard can read.`);
  return parsed.data;
}

function JSONparse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Reads run.jsonl back (tests and tools). */
export async function readRunLog(file: string): Promise<RunEvent[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
}
