/** What ordering needs of a task: its name and the names it waits for. */
export interface OrderedTask {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

export interface PlanOrder {
  /**
   * Tasks by dependency depth: wave 0 depends on nothing, wave n on tasks of earlier waves (at
   * least one of wave n-1). Each wave keeps the order the plan wrote. Tasks in a cycle, or that
   * wait on one, are in no wave.
   */
  readonly waves: string[][];
  /** Each cycle once, from the task written first back to it: ["x", "y", "x"]. */
  readonly cycles: string[][];
}

/** Groups tasks into waves by dependency depth and names every cycle. Unknown names are ignored here (check-plan reports them). */
export function planWaves(tasks: readonly OrderedTask[]): PlanOrder {
  const byName = new Map(tasks.map((task) => [task.name, task]));
  const depsOf = (name: string) => (byName.get(name)?.dependsOn ?? []).filter((dep) => byName.has(dep));
  const cycles = findCycles(tasks, depsOf);
  const depth = new Map<string, number | null>();
  const depthOf = (name: string, visiting: Set<string>): number | null => {
    if (depth.has(name)) return depth.get(name) ?? null;
    if (visiting.has(name)) return null;
    visiting.add(name);
    let deepest = -1;
    for (const dep of depsOf(name)) {
      const d = depthOf(dep, visiting);
      if (d === null) {
        deepest = Number.NaN;
        break;
      }
      deepest = Math.max(deepest, d);
    }
    visiting.delete(name);
    const result = Number.isNaN(deepest) ? null : deepest + 1;
    depth.set(name, result);
    return result;
  };
  const waves: string[][] = [];
  for (const task of tasks) {
    const d = depthOf(task.name, new Set());
    if (d === null) continue;
    (waves[d] ??= []).push(task.name);
  }
  return { waves, cycles };
}

/** Every distinct cycle, found depth-first in written order; each starts at its earliest-written task. */
function findCycles(tasks: readonly OrderedTask[], depsOf: (name: string) => readonly string[]): string[][] {
  const order = new Map(tasks.map((task, index) => [task.name, index]));
  const done = new Set<string>();
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (name: string) => {
    stack.push(name);
    for (const dep of depsOf(name)) {
      const at = stack.indexOf(dep);
      if (at !== -1) {
        const loop = stack.slice(at);
        const start = loop.reduce(
          (best, n, i) => ((order.get(n) ?? 0) < (order.get(loop[best] ?? '') ?? 0) ? i : best),
          0,
        );
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const key = rotated.join('\n');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, rotated[0] as string]);
        }
      } else if (!done.has(dep)) visit(dep);
    }
    stack.pop();
    done.add(name);
  };
  for (const task of tasks) if (!done.has(task.name)) visit(task.name);
  return cycles;
}
