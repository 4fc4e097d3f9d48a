export interface OrderCandidate {
  readonly id: string;
  readonly name: string;
  /** Ids of entries this one builds on (from its brief); ids outside the queue are ignored here. */
  readonly dependsOn: readonly string[];
  /** Files the entry changes. */
  readonly files: readonly string[];
  /** Open blocking findings from a reviewer: such an entry goes after every unblocked one it can. */
  readonly blocking?: number;
}

export type OrderSuggestion =
  | { readonly order: string[]; readonly cycle: null; readonly reasons: Record<string, string> }
  | { readonly order: null; readonly cycle: string[]; readonly reasons: Record<string, string> };

/**
 * The suggested landing order: declared dependencies first (topological; a cycle is reported,
 * never guessed around), then foundational entries (the most queued entries build on them), then
 * those touching the fewest files shared with other entries; entries a reviewer blocked go last
 * (as far as their dependents allow). Ties keep the given order.
 */
export function suggestOrder(candidates: readonly OrderCandidate[]): OrderSuggestion {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const deps = new Map(
    candidates.map((c) => [c.id, [...new Set(c.dependsOn)].filter((d) => byId.has(d) && d !== c.id)]),
  );
  const cycle = findCycle(
    candidates.map((c) => c.id),
    deps,
  );
  if (cycle) {
    const names = cycle.map((id) => byId.get(id)?.name ?? id);
    const text = `dependency cycle: ${names.join(' → ')}`;
    return { order: null, cycle: names, reasons: Object.fromEntries(candidates.map((c) => [c.id, text])) };
  }

  const dependents = new Map(candidates.map((c) => [c.id, transitiveDependents(c.id, deps).size]));
  const touchCount = new Map<string, number>();
  for (const c of candidates)
    for (const file of new Set(c.files)) touchCount.set(file, (touchCount.get(file) ?? 0) + 1);
  const shared = new Map(
    candidates.map((c) => [c.id, [...new Set(c.files)].filter((f) => (touchCount.get(f) ?? 0) > 1)]),
  );
  const index = new Map(candidates.map((c, i) => [c.id, i]));

  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < candidates.length) {
    const ready = candidates.filter((c) => !placed.has(c.id) && (deps.get(c.id) ?? []).every((d) => placed.has(d)));
    ready.sort(
      (x, y) =>
        Number((x.blocking ?? 0) > 0) - Number((y.blocking ?? 0) > 0) ||
        (dependents.get(y.id) ?? 0) - (dependents.get(x.id) ?? 0) ||
        (shared.get(x.id)?.length ?? 0) - (shared.get(y.id)?.length ?? 0) ||
        (index.get(x.id) ?? 0) - (index.get(y.id) ?? 0),
    );
    const next = ready[0] as OrderCandidate;
    order.push(next.id);
    placed.add(next.id);
  }

  const reasons: Record<string, string> = {};
  for (const c of candidates) {
    const parts: string[] = [];
    const blocking = c.blocking ?? 0;
    if (blocking > 0)
      parts.push(`blocked: ${blocking} blocking finding${blocking === 1 ? '' : 's'} from a reviewer, so last`);
    const own = deps.get(c.id) ?? [];
    if (own.length) parts.push(`after ${own.map((d) => byId.get(d)?.name ?? d).join(', ')} (declared dependency)`);
    const built = dependents.get(c.id) ?? 0;
    if (built) parts.push(`foundational: ${built} queued thread${built === 1 ? ' builds' : 's build'} on it`);
    const files = shared.get(c.id) ?? [];
    parts.push(
      files.length
        ? `touches ${files.length} file${files.length === 1 ? '' : 's'} other entries touch (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})`
        : 'touches no file another entry touches',
    );
    reasons[c.id] = parts.join('; ');
  }
  return { order, cycle: null, reasons };
}

function transitiveDependents(id: string, deps: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  const visit = (target: string) => {
    for (const [other, its] of deps) {
      if (its.includes(target) && !found.has(other)) {
        found.add(other);
        visit(other);
      }
    }
  };
  visit(id);
  return found;
}

/** A dependency cycle as a closed path of ids (first repeated at the end), or null. */
function findCycle(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}
