import path from 'node:path';
import type { Brief } from '../../shared/brief';
import type { PlanWarning } from '../../shared/plan';
import { makeMatcher } from '../../shared/review-glob';
import { dependencyOrder } from './plan-overlaps';

/** What hazard checks need of a task. */
export interface HazardTask {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly brief: Pick<Brief, 'task' | 'ownedPaths' | 'forbiddenPaths' | 'acceptanceCriteria' | 'verificationCommands'>;
}

/** A dependency manifest and the lockfiles that change with it, in the same folder. */
const lockfilesOf: Readonly<Record<string, readonly string[]>> = {
  'package.json': ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'],
  'Cargo.toml': ['Cargo.lock'],
  'pyproject.toml': ['poetry.lock', 'uv.lock'],
  Pipfile: ['Pipfile.lock'],
  Gemfile: ['Gemfile.lock'],
  'go.mod': ['go.sum'],
  'composer.json': ['composer.lock'],
};

/**
 * Hazard files (the review's list: lockfiles, migrations, generated code, global configuration)
 * that parallel tasks would split:
 *  - `hazard`: one owned by two or more tasks that may run side by side;
 *  - `hazard-unowned`: one that some task must change while no task owns it. A task must change
 *    a file when its brief names it (its task line, acceptance criteria or verification commands
 *    mention its path, or its name for a file at the top, and its forbidden paths do not hold
 *    it), or when the task owns a dependency
 *    manifest whose lockfile sits beside it (package.json → package-lock.json, Cargo.toml →
 *    Cargo.lock …): adding a dependency rewrites both.
 * `files` are the repository's files on the base branch; hazard files named in owned paths or
 * in briefs count too, so a migration still to be written is seen.
 */
export function planHazards(
  tasks: readonly HazardTask[],
  hazardPatterns: readonly string[],
  files: readonly string[],
): PlanWarning[] {
  const isHazard = makeMatcher(hazardPatterns);
  const owns = new Map(tasks.map((task) => [task.name, makeMatcher(task.brief.ownedPaths)]));
  const forbids = new Map(tasks.map((task) => [task.name, makeMatcher(task.brief.forbiddenPaths)]));
  const ownersOf = (file: string) => tasks.filter((task) => owns.get(task.name)?.(file)).map((t) => t.name);
  const ordered = dependencyOrder(tasks.map((t) => ({ ...t, ownedPaths: t.brief.ownedPaths })));
  const fileSet = new Set(files);

  const named = tasks.flatMap((task) => task.brief.ownedPaths.filter(isLiteralPath));
  const mustChange = new Map<string, string[]>();
  const need = (file: string, task: string) => {
    const list = mustChange.get(file) ?? [];
    if (!list.includes(task)) list.push(task);
    mustChange.set(file, list);
  };
  for (const task of tasks) {
    for (const mention of mentionedPaths(task.brief)) {
      if (isHazard(mention) && !forbids.get(task.name)?.(mention)) need(mention, task.name);
    }
    for (const file of [...files, ...named]) {
      if (!owns.get(task.name)?.(file)) continue;
      const folder = path.posix.dirname(file);
      for (const lock of lockfilesOf[path.posix.basename(file)] ?? []) {
        const lockPath = folder === '.' ? lock : `${folder}/${lock}`;
        if (fileSet.has(lockPath)) need(lockPath, task.name);
      }
    }
  }

  const warnings: PlanWarning[] = [];
  // Shared hazards, grouped by who shares them: one warning per set of tasks, not per file.
  const shared = new Map<string, { tasks: string[]; paths: string[] }>();
  for (const file of new Set([...files, ...named, ...mustChange.keys()])) {
    if (!isHazard(file)) continue;
    const owners = ownersOf(file);
    const parallel = owners.some((a, i) => owners.slice(i + 1).some((b) => !ordered(a, b)));
    if (!parallel) continue;
    const key = owners.join('\n');
    const entry = shared.get(key) ?? { tasks: owners, paths: [] };
    entry.paths.push(file);
    shared.set(key, entry);
  }
  for (const { tasks: owners, paths } of shared.values()) {
    warnings.push({
      kind: 'hazard',
      tasks: owners,
      paths,
      message: `${list(owners)} all own ${list(paths)} — ${paths.length === 1 ? 'a hazard file' : 'hazard files'} (lockfile, migration, generated code or global configuration) that parallel branches break even when git merges them cleanly. Give ${paths.length === 1 ? 'it' : 'them'} to one task, or make the others depend on it.`,
    });
  }
  for (const [file, needers] of mustChange) {
    if (ownersOf(file).length > 0) continue;
    warnings.push({
      kind: 'hazard-unowned',
      tasks: needers,
      paths: [file],
      message: `${list(needers)} must change ${file}, a hazard file no task owns. Add it to the owned paths of exactly one task.`,
    });
  }
  return warnings;
}

/** Path-like words in a brief's prose and commands: `package.json`, `db/migrations/0003.sql`. */
function mentionedPaths(brief: HazardTask['brief']): string[] {
  const text = [brief.task, ...brief.acceptanceCriteria, ...brief.verificationCommands].join('\n');
  const words = text.match(/[\w@.\-/]+/g) ?? [];
  return [
    ...new Set(
      words
        .map((word) => word.replace(/^\.\//, '').replace(/[.\-/]+$/, ''))
        .filter((word) => /[./]/.test(word) && !word.startsWith('/') && !word.split('/').includes('..')),
    ),
  ];
}

function isLiteralPath(glob: string): boolean {
  return !/[*?{[]/.test(glob) && !glob.endsWith('/');
}

function list(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
