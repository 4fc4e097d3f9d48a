import type { UsageLogEntry, UsageSummaryRow } from '../../shared/usage';
import { type UsageFilter, summariseUsage } from './usage-summary';

export type PlanRunRow = UsageSummaryRow & { planRunId: string };
export type DayRow = UsageSummaryRow & { day: string };

/** The host's calendar day of a moment, YYYY-MM-DD (local time: "today" is the dispatcher's today). */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The cost log summed per plan run (lines of threads started by a plan only) and per day, newest
 * day first, with the same filter as `summariseUsage`.
 */
export function usageByPlanRunAndDay(
  entries: readonly UsageLogEntry[],
  filter: UsageFilter = {},
): { planRuns: PlanRunRow[]; days: DayRow[] } {
  const planRuns = new Map<string, UsageLogEntry[]>();
  const days = new Map<string, UsageLogEntry[]>();
  for (const entry of entries) {
    if (entry.planRunId) planRuns.set(entry.planRunId, [...(planRuns.get(entry.planRunId) ?? []), entry]);
    const day = localDay(new Date(entry.at));
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  const sum = (group: UsageLogEntry[]) => summariseUsage(group, filter).total;
  const planRunRows = [...planRuns]
    .map(([planRunId, group]) => ({ planRunId, ...sum(group) }))
    .filter((row) => hasTokens(row));
  const dayRows = [...days]
    .map(([day, group]) => ({ day, ...sum(group) }))
    .filter((row) => hasTokens(row))
    .sort((a, b) => b.day.localeCompare(a.day));
  return { planRuns: planRunRows, days: dayRows };
}

function hasTokens(row: UsageSummaryRow): boolean {
  return row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens > 0;
}
