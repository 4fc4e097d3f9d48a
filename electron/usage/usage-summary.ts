import { type UsageLogEntry, type UsageSummaryRow, addTokens, totalTokens, zeroTokens } from '../../shared/usage';

export interface UsageSummary {
  readonly total: UsageSummaryRow;
  readonly threads: Array<UsageSummaryRow & { threadId: string; projectId: string }>;
  readonly projects: Array<UsageSummaryRow & { projectId: string }>;
  readonly models: Array<UsageSummaryRow & { model: string | null }>;
}

export interface UsageFilter {
  /** Lines booked at or after this moment. */
  readonly since?: Date | null;
  /** Lines of these projects only. */
  readonly projectIds?: ReadonlySet<string> | null;
}

const emptyRow: UsageSummaryRow = { ...zeroTokens, costUsd: null, unpricedTokens: 0 };

/** Sums the cost log per thread, project and model; each list costliest first. */
export function summariseUsage(entries: readonly UsageLogEntry[], filter: UsageFilter = {}): UsageSummary {
  const since = filter.since?.getTime() ?? null;
  const kept = entries.filter(
    (e) => (since === null || Date.parse(e.at) >= since) && (!filter.projectIds || filter.projectIds.has(e.projectId)),
  );
  const threads = new Map<string, UsageSummaryRow & { threadId: string; projectId: string }>();
  const projects = new Map<string, UsageSummaryRow & { projectId: string }>();
  const models = new Map<string | null, UsageSummaryRow & { model: string | null }>();
  let total = emptyRow;
  for (const entry of kept) {
    total = addEntry(total, entry);
    const thread = threads.get(entry.threadId) ?? { threadId: entry.threadId, projectId: entry.projectId, ...emptyRow };
    threads.set(entry.threadId, { ...thread, ...addEntry(thread, entry) });
    const project = projects.get(entry.projectId) ?? { projectId: entry.projectId, ...emptyRow };
    projects.set(entry.projectId, { ...project, ...addEntry(project, entry) });
    const model = models.get(entry.model) ?? { model: entry.model, ...emptyRow };
    models.set(entry.model, { ...model, ...addEntry(model, entry) });
  }
  return {
    total,
    threads: costliestFirst([...threads.values()], (r) => r.threadId),
    projects: costliestFirst([...projects.values()], (r) => r.projectId),
    models: costliestFirst([...models.values()], (r) => r.model ?? ''),
  };
}

function addEntry(row: UsageSummaryRow, entry: UsageLogEntry): UsageSummaryRow {
  const { costUsd } = entry.deltas;
  const tokens = addTokens(row, entry.deltas);
  return {
    inputTokens: tokens.inputTokens,
    outputTokens: tokens.outputTokens,
    cacheReadTokens: tokens.cacheReadTokens,
    cacheWriteTokens: tokens.cacheWriteTokens,
    costUsd: costUsd === null ? row.costUsd : roundCents(costUsd + (row.costUsd ?? 0)),
    unpricedTokens: row.unpricedTokens + (costUsd === null ? totalTokens(entry.deltas) : 0),
  };
}

/** Sums of many small costs are kept to a millionth of a dollar, so the same log always prints the same sums. */
function roundCents(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

function costliestFirst<T extends UsageSummaryRow>(rows: T[], name: (row: T) => string): T[] {
  return rows.sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || name(a).localeCompare(name(b)));
}
