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
import { type DryRunReport, dryRunReport } from '../plans/dry-run';
import { UsageError, withUsageErrors } from './args';

export const planHelp = `Usage: switchyard plan check FILE [--repo PATH] [--json]
       switchyard plan run FILE --dry-run [--repo PATH] [--json]

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
             a plan with errors prints the check's object instead and exits 1.

  --repo PATH      the repository (default: the current folder)
  --data-dir PATH  the app's data folder, read (never written) for custom agent profiles and,
                   when the repository is an open project, its prompt template, worktree folder
                   and hazard list

Exits 0 when the plan is fine (warnings allowed), 1 when it has errors, 2 on a usage error.`;

export async function runPlan(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'check' && verb !== 'run') {
    throw new UsageError(verb ? `unknown plan command "${verb}" (check or run)` : 'name a plan command: check or run');
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
  if (verb === 'run' && !(values as { 'dry-run'?: boolean })['dry-run']) {
    throw new UsageError(
      'running a plan is not yet implemented in this build; use --dry-run to see what it would do, and switchyard plan check to check it',
    );
  }

  const check = await checkInRepo(path.resolve(file), values.repo, values['data-dir']);
  const json = values.json === true;
  if (verb === 'run' && check.resolved) {
    const report = dryRunReport(check.resolved);
    console.log(json ? JSON.stringify(report) : describeDryRun(report, check.result));
    return 0;
  }
  console.log(json ? JSON.stringify(check.result) : describeCheck(file, check.result));
  return check.result.ok ? 0 : 1;
}

/** Checks the plan in the repository; a folder that is not one is an error of the check, so --json still prints its shape. */
async function checkInRepo(
  file: string,
  repoOption: string | undefined,
  dataDir: string | undefined,
): Promise<PlanCheck> {
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
  return checkPlanFile(file, await planCheckOptions(repo, dataDir ? path.resolve(dataDir) : defaultDataDir()));
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
      lines.push(`  ${task.name}: ${task.branch} in ${task.worktree}${after}`, `    $ ${showArgv(task.argv)}`);
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
