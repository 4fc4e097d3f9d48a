import type { PlanWarning } from '../../shared/plan';
import { globsIntersect } from './glob-intersect';

/** What ownership checks need of a task. */
export interface OwningTask {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly ownedPaths: readonly string[];
}

/**
 * Pairs of tasks whose owned paths can hold a same file (`src/**` and `src/api/**` do): parallel
 * branches that would both change it. A pair where one task waits for the other (directly or
 * through others) is not warned about: the later one starts from a target that has the first's
 * work, so they never run side by side. A task owning nothing is said once, since no overlap can
 * be judged for it.
 */
export function planOverlaps(tasks: readonly OwningTask[]): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const ordered = dependencyOrder(tasks);
  for (const [i, a] of tasks.entries()) {
    for (const b of tasks.slice(i + 1)) {
      if (ordered(a.name, b.name)) continue;
      const shared = overlappingGlobs(a.ownedPaths, b.ownedPaths);
      if (shared.length === 0) continue;
      warnings.push({
        kind: 'overlap',
        tasks: [a.name, b.name],
        paths: shared,
        message: `${a.name} and ${b.name} own overlapping paths (${shared.join(', ')}) and may run at the same time: their branches can change the same files. Split the paths, or make one depend on the other.`,
      });
    }
  }
  for (const task of tasks) {
    if (task.ownedPaths.length > 0) continue;
    warnings.push({
      kind: 'no-owned-paths',
      tasks: [task.name],
      paths: [],
      message: `${task.name} names no owned paths, so nothing says what it may change and no overlap with other tasks can be seen. List its paths in brief.ownedPaths.`,
    });
  }
  return warnings;
}

/** The globs of `a` and of `b` that meet another's, each once, in written order (a's first). */
function overlappingGlobs(a: readonly string[], b: readonly string[]): string[] {
  const fromA = a.filter((x) => b.some((y) => globsIntersect(x, y)));
  const fromB = b.filter((y) => a.some((x) => globsIntersect(x, y)));
  return [...new Set([...fromA, ...fromB])];
}

/** Whether one of two tasks waits for the other, through any chain of dependencies. */
export function dependencyOrder(tasks: readonly OwningTask[]): (a: string, b: string) => boolean {
  const byName = new Map(tasks.map((task) => [task.name, task]));
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (name: string): Set<string> => {
    const known = ancestors.get(name);
    if (known) return known;
    const found = new Set<string>();
    ancestors.set(name, found); // set before walking, so a cycle ends the walk
    const queue = [...(byName.get(name)?.dependsOn ?? [])];
    while (queue.length > 0) {
      const dep = queue.shift() as string;
      if (found.has(dep) || !byName.has(dep)) continue;
      found.add(dep);
      queue.push(...(byName.get(dep)?.dependsOn ?? []));
    }
    return found;
  };
  return (a, b) => ancestorsOf(a).has(b) || ancestorsOf(b).has(a);
}
