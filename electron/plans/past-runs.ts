import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PlanRunView } from '../../shared/contract/plans';
import type { Project, Thread } from '../../shared/models';
import { readRunLog, readRunSummary, type RunSummary } from './run-log';

/** How many events of a past run's log are shown. */
const logTail = 200;

/**
 * Runs recorded in the data folder (`plans/<runId>/run.json`) for these projects: what an app
 * that restarted since shows of them — their tasks' ends, their logs, their threads found by
 * branch — so they can still be read and rolled back.
 */
export async function pastRuns(
  dataDir: string,
  projects: readonly Project[],
  threads: readonly Thread[],
): Promise<PlanRunView[]> {
  const ids = await readdir(path.join(dataDir, 'plans')).catch(() => [] as string[]);
  const views: PlanRunView[] = [];
  for (const runId of ids) {
    const summary = await readRunSummary(dataDir, runId).catch(() => null);
    if (!summary) continue;
    const project = projects.find((p) => path.resolve(p.path) === path.resolve(summary.repo));
    if (!project) continue;
    const log = await readRunLog(summary.log).catch(() => []);
    views.push(viewOf(summary, project, threads, log.slice(-logTail)));
  }
  return views;
}

function viewOf(
  summary: RunSummary,
  project: Project,
  threads: readonly Thread[],
  log: PlanRunView['log'],
): PlanRunView {
  const threadOf = (branch: string) =>
    threads.find((t) => t.projectId === project.id && t.branch === branch)?.id ?? null;
  const eventAt = (task: string, event: string) => log.find((e) => e.task === task && e.event === event)?.at ?? null;
  return {
    runId: summary.runId,
    projectId: project.id,
    target: summary.target,
    autoLand: false,
    // Never ended: the app that ran it went away mid-run.
    state:
      summary.endedAt === null ? 'stopped' : summary.interrupted ? 'stopped' : allLanded(summary) ? 'done' : 'failed',
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    backupRef: summary.backupRef,
    // An older run.json has no waves: its tasks in the order written, one column.
    waves: summary.waves.length > 0 ? summary.waves : [summary.tasks.map((t) => t.name)],
    tasks: summary.tasks.map((t) => ({
      name: t.name,
      wave: Math.max(
        0,
        summary.waves.findIndex((wave) => wave.includes(t.name)),
      ),
      branch: t.branch,
      dependsOn: t.dependsOn ?? [],
      phase: t.status,
      threadId: threadOf(t.branch),
      startedAt: eventAt(t.name, 'started'),
      endedAt: null,
      verified: eventAt(t.name, 'verified') ? true : eventAt(t.name, 'verify-failed') ? false : null,
      planFirst: false,
      note: summary.endedAt === null && t.status === 'not-run' ? 'the app stopped during the run' : null,
      attemptGroupId: null,
    })),
    log,
    logFile: summary.log,
    problem: null,
  };
}

function allLanded(summary: RunSummary): boolean {
  return summary.tasks.every((t) => t.status === 'landed');
}
