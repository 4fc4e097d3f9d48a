/**
 * Output of a benchmark: with `--json`, exactly one JSON object on stdout; otherwise readable
 * lines with units and targets. Progress always goes to stderr, so stdout stays parseable.
 */
export const jsonOutput = process.argv.includes('--json');

/** BENCH_SCALE (default 1) shrinks or grows the work for quick runs; figures stay per unit of work. */
export const benchScale = ((): number => {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
  return scale;
})();

export function progress(message: string): void {
  process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export interface Target {
  readonly text: string;
  readonly met: boolean;
}

export interface Line {
  readonly label: string;
  readonly value: string;
  readonly target?: Target;
}

export function target(text: string, met: boolean): Target {
  return { text, met };
}

export function report(bench: string, title: string, record: Record<string, unknown>, lines: readonly Line[]): void {
  if (jsonOutput) {
    process.stdout.write(`${JSON.stringify({ bench, ...record })}\n`);
    return;
  }
  const width = Math.max(...lines.map((line) => line.label.length));
  const valueWidth = Math.max(...lines.map((line) => line.value.length));
  const out = [`${bench} — ${title}`];
  for (const line of lines) {
    const verdict = line.target ? `   target ${line.target.text}: ${line.target.met ? 'met' : 'MISSED'}` : '';
    out.push(`  ${line.label.padEnd(width)}  ${line.value.padEnd(valueWidth)}${verdict}`.trimEnd());
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
