import { percentile, round } from './report';

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly samples: number;
  /** Keystrokes whose echo never came within the probe's timeout. */
  readonly lost: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const arrived = latencies.filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  return {
    p50: round(percentile(arrived, 50)),
    p95: round(percentile(arrived, 95)),
    max: round(arrived.at(-1) ?? Number.NaN),
    samples: latencies.length,
    lost: latencies.length - arrived.length,
  };
}
