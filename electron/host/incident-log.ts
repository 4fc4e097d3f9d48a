/**
 * Logs the first incident of each kind, then only counts: a flood of malformed requests must not
 * become a flood of log lines. The running count is logged at 10, 100, 1000… so it stays visible.
 */
export type IncidentLog = (kind: string, detail: string) => void;

const maxDetailLength = 300;

export function createIncidentLog(log: (line: string) => void): IncidentLog {
  const counts = new Map<string, number>();
  return (kind, detail) => {
    const count = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, count);
    if (count === 1) {
      log(`[switchyard] browser host: ${kind}: ${tidy(detail)} (more of these are counted, not logged)`);
    } else if (/^10+$/.test(String(count))) {
      log(`[switchyard] browser host: ${count} ${kind} so far; the latest: ${tidy(detail)}`);
    }
  };
}

/** One line, bounded, control characters escaped: the detail may come from a hostile client. */
function tidy(detail: string): string {
  const escaped = JSON.stringify(detail).slice(1, -1);
  return escaped.length > maxDetailLength ? `${escaped.slice(0, maxDetailLength)}…` : escaped;
}
