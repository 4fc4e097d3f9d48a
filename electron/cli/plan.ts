import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import type { PlanCheckResult } from '../../shared/plan';
import { builtinProfiles } from '../agents/builtin-profiles';
import { customToAgentProfile } from '../agents/custom-profiles';
import { defaultDataDir, distDir } from '../app/app-paths';
import { resolveRepoRoot } from '../git/repo';
import { readPlanAppSettings } from '../plans/app-settings';
import { type CheckPlanOptions, type PlanCheck, checkPlanFile } from '../plans/check-plan';
import { CliTaskExecutor } from '../plans/cli-executor';
import { cliSpendWatcher } from '../plans/cli-spend';
import { type DryRunReport, dryRunReport } from '../plans/dry-run';
import { type PlanRunOutcome, runPlan as runPlanEngine } from '../plans/plan-runner';
import type { ResolvedPlan } from '../plans/resolve-plan';
import { rollbackRun } from '../plans/rollback';
import type { RunEventKind } from '../plans/run-log';
import { UsageService } from '../usage/usage-service';
import { UsageError, withUsageErrors } from './args';

export const planHelp = `Usage: switchyard plan check FILE [--repo PATH] [--json]
       switchyard plan run FILE [--dry-run] [--repo PATH] [--json]
       switchyard plan rollback RUNID [--repo PATH] [--force] [--json]

A plan (JSON or YAML; schema: docs/plan.schema.json) dispatches a batch of briefs: the base
and target branches, the agent, the commands run before and after, and the tasks with their
dependencies.

  check      checks the plan against the repository without changing anything. Errors stop a
             run (schema, unknown or uninstalled agent, unknown dependency, a cycle, a task
             branch or folder that exists, a missing base); warnings say which tasks would
             collide (overlapping owned paths, shared or unowned hazard files).
             --json prints {"ok", "errors": [{"path", "message"}],
             "warnings": [{"kind", "tasks", "paths", "message"}], "waves": [[task…]…]}.
  run --dry-run
             shows what a run would create and start — each task's wave, branch, worktree and
             exact argv, and the preflight commands — and changes nothing at all.
             --json prints {"dryRun": true, "target", "waves",
             "tasks": [{"name", "wave", "branch", "worktree", "dependsOn", "argv"}], "preflight"};
             a task with attempts also has "attempts": [{"attempt", "branch", "worktree", "argv"}];
             a plan with errors prints the check's object instead and exits 1.
  run        runs the plan unattended: preflight (a failure stops it before anything is created
             in the repository); a backup of the target (refs/switchyard/plans/RUNID/before; a
             missing target is made from the base); the tasks, at most maxParallel agents at
             once, each on a branch made from the target once its dependencies have landed;
             each agent's end (exit, or idle at its prompt), its brief's verification, then its
             landing into the target with "verify" after it (stopping at a conflict); postflight.
             A task silent or running for timeoutMinutes is stopped. Ctrl+C stops the agents and
             keeps every branch and worktree. The log is <data dir>/plans/RUNID/run.jsonl.
             A task with "attempts" runs each on switchyard/TASK/attempt-K and lands the one
             picked (verified, then the smallest change, then the fastest); the others are kept
             under refs/switchyard/attempts/RUNID-TASK/K and their worktrees removed. A task
             over its "budget" (read from the agent's own session records) is stopped.
             --json prints {"runId", "target", "backupRef", "tasks": [{"name", "branch",
             "status", "exitCode"}], "landed": [task…], "log"}; status is landed, failed,
             verify-failed, conflict, timeout, over-budget, skipped (a dependency did not
             land) or not-run; a task with attempts also has "attempts": [{"branch", "status",
             "verified", "linesChanged", "score", "picked"}] and the picked one's branch.
             Exits 0 only if every task landed (and postflight passed), else 1.
  rollback   resets the run's target to its backup, keeping every task branch. Refused when the
             target moved since the run ended (--force rolls back anyway) or when its checkout
             has uncommitted changes. --json prints {"runId", "target", "backupRef", "from",
             "to", "unchanged", "checkout", "keptBranches", "droppedPending"}.

  --repo PATH      the repository (default: the current folder)
  --data-dir PATH  the app's data folder: read for custom agent profiles and, when the repository
                   is an open project, its prompt template, worktree folder and hazard list; a
                   run keeps its log there (plans/RUNID/)

check and run --dry-run exit 0 when the plan is fine (warnings allowed), 1 when it has errors;
every command exits 2 on a usage error.`;

export async function runPlan(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'rollback') return runRollback(rest);
  if (verb !== 'check' && verb !== 'run') {
    throw new UsageError(
      verb ? `unknown plan command "${verb}" (check, run or rollback)` : 'name a plan command: check, run or rollback',
    );
  }
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: rest,
      options: {
        repo: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        ...(verb === 'run' ? { 'dry-run': { type: 'boolean' as const } } : {}),
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('name the plan file');
  if (extra.length > 0) throw new UsageError(`one plan file at a time (also given: ${extra.join(' ')})`);
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const check = await checkInRepo(path.resolve(file), values.repo, dataDir);
  const json = values.json === true;
  if (verb === 'run' && check.resolved && !(values as { 'dry-run'?: boolean })['dry-run']) {
    return runUnattended(check.resolved, await resolveRepoRoot(path.resolve(values.repo ?? '.')), dataDir, json);
  }
  if (verb === 'run' && check.resolved) {
    const report = dryRunReport(check.resolved);
    console.log(json ? JSON.stringify(report) : describeDryRun(report, check.result));
    return 0;
  }
  console.log(json ? JSON.stringify(check.result) : describeCheck(file, check.result));
  return check.result.ok ? 0 : 1;
}

/** Checks the plan in the repository; a folder that is not one is an error of the check, so --json still prints its shape. */
async function checkInRepo(file: string, repoOption: string | undefined, dataDir: string): Promise<PlanCheck> {
  let repo: string;
  try {
    repo = await resolveRepoRoot(path.resolve(repoOption ?? '.'));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      result: { ok: false, errors: [{ path: '', message: error.message }], warnings: [], waves: [] },
      resolved: null,
    };
  }
  // The CLI's run is unattended: nobody is there to pick an attempt by hand.
  return checkPlanFile(file, { ...(await planCheckOptions(repo, dataDir)), refuseManualPick: true });
}

/** What a plan is checked and resolved with from the command line: the built-in profiles and what the app's state adds. */
export async function planCheckOptions(repo: string, dataDir: string): Promise<CheckPlanOptions> {
  const settings = await readPlanAppSettings(dataDir, repo);
  const builtins = builtinProfiles({
    demoAgentScript: path.join(distDir(), 'demo-agent.cjs'),
    nodeExecutable: process.execPath,
    runningInElectron: false,
  });
  return {
    repo,
    profiles: [...builtins, ...settings.customProfiles.map(customToAgentProfile)],
    promptTemplate: settings.promptTemplate,
    defaultWorktreeRoot: settings.worktreeRoot,
    ...(settings.hazardPatterns ? { hazardPatterns: settings.hazardPatterns } : {}),
  };
}

/**
 * `plan run` without --dry-run: the unattended loop with agents in headless ptys. Progress goes to
 * stderr (not with --json); Ctrl+C stops the agents, records `interrupted` and prints the summary.
 */
async function runUnattended(plan: ResolvedPlan, repo: string, dataDir: string, json: boolean): Promise<number> {
  const controller = new AbortController();
  // Spend is read from the agents' own records and booked in the data folder's usage.jsonl.
  const usage = new UsageService({ dataDir });
  const projectId = (await readPlanAppSettings(dataDir, repo)).projectId ?? repo;
  const interrupt = () => {
    if (!json) console.error('switchyard plan: stopping the agents (branches and worktrees are kept)…');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const outcome = await runPlanEngine({
      repo,
      plan,
      dataDir,
      executor: (log) => new CliTaskExecutor({ outputFile: (task) => log.taskOutputFile(task.name, task.attempt) }),
      watchSpend: cliSpendWatcher(usage, projectId),
      signal: controller.signal,
      onEvent: json ? undefined : (task, event, detail) => console.error(describeEvent(task, event, detail)),
    });
    console.log(json ? JSON.stringify(outcome.report) : describeRun(outcome));
    return outcome.ok ? 0 : 1;
  } finally {
    usage.close();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function runRollback(argv: string[]): Promise<number> {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' },
        'data-dir': { type: 'string' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  const [runId, ...extra] = positionals;
  if (!runId) throw new UsageError('name the run to roll back (plan run prints its id)');
  if (extra.length > 0) throw new UsageError(`one run at a time (also given: ${extra.join(' ')})`);
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const repo = values.repo ? await resolveRepoRoot(path.resolve(values.repo)) : null;
  const result = await rollbackRun(dataDir, runId, { repo, force: values.force === true });
  if (values.json) console.log(JSON.stringify(result));
  else if (result.unchanged)
    console.log(`${result.target} is already at ${result.to.slice(0, 7)}, from before run ${runId}.`);
  else {
    console.log(
      `${result.target}: ${result.from.slice(0, 7)} → ${result.to.slice(0, 7)} (before run ${runId})${result.checkout ? `, checkout ${result.checkout} updated` : ''}. Kept: ${result.keptBranches.join(', ')}.`,
    );
  }
  return 0;
}

function describeEvent(task: string | null, event: RunEventKind, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  const who = task ? `${task}${typeof d.attempt === 'number' ? ` attempt ${d.attempt}` : ''}: ` : '';
  const command = Array.isArray(d.command) ? ` ${(d.command as string[]).join(' ')}` : '';
  const extra =
    event === 'finished' || event === 'failed'
      ? [
          d.exitCode !== undefined ? `exit ${String(d.exitCode)}` : '',
          d.message ? String(d.message) : '',
          d.idle ? `idle (${String(d.idle)})` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : event === 'skipped'
        ? `${String(d.dependency)} did not land`
        : event === 'over-budget' || event === 'budget-warning' || event === 'attempt-failed'
          ? String(d.message ?? d.status ?? '')
          : event === 'conflict' || event === 'verify-failed'
            ? Array.isArray(d.files)
              ? (d.files as string[]).join(', ')
              : `exit ${String(d.exitCode)}`
            : '';
  return `switchyard plan: ${who}${event}${command}${extra ? ` — ${extra}` : ''}`;
}

function describeRun(outcome: PlanRunOutcome): string {
  const { report } = outcome;
  const lines = [
    outcome.preflightFailed
      ? `Preflight failed (${outcome.preflightFailed.join(' ')}): nothing was created in the repository.`
      : `Run ${report.runId}: ${report.landed.length} of ${report.tasks.length} task(s) landed in ${report.target}${outcome.interrupted ? ' (interrupted)' : ''}.`,
  ];
  for (const task of report.tasks) {
    lines.push(`  ${task.status.padEnd(13)} ${task.name} (${task.branch})`);
    for (const a of task.attempts ?? []) {
      const verified = a.verified === null ? 'not verified' : a.verified ? 'verified' : 'verification failed';
      lines.push(
        `    ${a.picked ? '→' : ' '} ${a.branch}: ${a.status}, ${verified}, ${a.linesChanged} line(s) changed${a.score === null ? '' : `, score ${a.score}`}`,
      );
    }
  }
  if (report.backupRef) lines.push(`Backup: ${report.backupRef} — undo with: switchyard plan rollback ${report.runId}`);
  lines.push(`Log: ${report.log}`);
  return lines.join('\n');
}

function describeCheck(file: string, result: PlanCheckResult): string {
  const lines: string[] = [];
  const taskCount = result.waves.flat().length;
  lines.push(
    result.ok
      ? `✓ ${file}: ${taskCount} task(s) in ${result.waves.length} wave(s)`
      : `✗ ${file}: ${result.errors.length} error(s)`,
  );
  for (const error of result.errors) lines.push(`  ✗ ${error.path ? `${error.path}: ` : ''}${error.message}`);
  for (const warning of result.warnings) lines.push(`  ! ${warning.kind}: ${warning.message}`);
  result.waves.forEach((wave, n) => lines.push(`  wave ${n + 1}: ${wave.join(', ')}`));
  return lines.join('\n');
}

function describeDryRun(report: DryRunReport, check: PlanCheckResult): string {
  const lines = [`Dry run — nothing was created or changed. Tasks land in ${report.target}.`];
  for (const warning of check.warnings) lines.push(`  ! ${warning.kind}: ${warning.message}`);
  if (report.preflight.length > 0) {
    lines.push('Preflight:');
    for (const command of report.preflight) lines.push(`  $ ${showArgv(command)}`);
  }
  report.waves.forEach((wave, n) => {
    lines.push(`Wave ${n + 1}:`);
    for (const name of wave) {
      const task = report.tasks.find((t) => t.name === name);
      if (!task) continue;
      const after = task.dependsOn.length ? ` (after ${task.dependsOn.join(', ')})` : '';
      if (!task.attempts) {
        lines.push(`  ${task.name}: ${task.branch} in ${task.worktree}${after}`, `    $ ${showArgv(task.argv)}`);
        continue;
      }
      lines.push(`  ${task.name}: ${task.attempts.length} attempts, the one picked lands${after}`);
      for (const attempt of task.attempts) {
        lines.push(`    ${attempt.branch} in ${attempt.worktree}`, `      $ ${showArgv(attempt.argv)}`);
      }
    }
  });
  lines.push('(--json shows every argument in full)');
  return lines.join('\n');
}

/** An argv as a reader would type it; long arguments (the prompt) shortened. */
function showArgv(argv: readonly string[]): string {
  return argv
    .map((arg) => {
      const short = arg.length > 60 ? `${arg.slice(0, 57).replace(/\s+/g, ' ')}…` : arg;
      return /^[\w@%+=:,./-]+$/.test(short) ? short : `'${short.replace(/\n/g, ' ').replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}
