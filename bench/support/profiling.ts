import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DashboardPage } from './dashboard-page';
import { progress } from './report';

/**
 * BENCH_PROFILE_DIR=<folder>: CPU profiles of the measured work, to open in Chrome DevTools
 * (Performance → load profile): the host's whole life (node --cpu-prof) and the dashboard's
 * renderer during each measurement. BENCH_TRACE=1 with it: a timeline trace of the renderer
 * instead (style, layout, paint and scripts per task; Performance → load profile), to see what a
 * long task was made of. Profiling slows things down; figures from such a run are not the
 * figures to quote.
 */
export const profileDir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : null;

export function hostProfilingFlags(): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}

/** Runs `during` with the renderer's sampling profiler on, and saves the profile as `<name>.cpuprofile`. */
export async function profileRenderer<T>(page: DashboardPage, name: string, during: () => Promise<T>): Promise<T> {
  if (!profileDir) return during();
  if (process.env.BENCH_TRACE === '1') return traceRenderer(page, name, during);
  await page.command('Profiler.enable');
  await page.command('Profiler.setSamplingInterval', { interval: 200 });
  await page.command('Profiler.start');
  try {
    return await during();
  } finally {
    const { profile } = await page.command<{ profile: unknown }>('Profiler.stop');
    await mkdir(profileDir, { recursive: true });
    const file = path.join(profileDir, `renderer-${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    progress(`renderer profile: ${file}`);
  }
}

const traceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'];

/** Runs `during` under a timeline trace of the page, saved as `<name>.trace.json`. */
async function traceRenderer<T>(page: DashboardPage, name: string, during: () => Promise<T>): Promise<T> {
  await page.command('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: traceCategories },
  });
  try {
    return await during();
  } finally {
    const complete = page.event<{ stream: string }>('Tracing.tracingComplete');
    await page.command('Tracing.end');
    const { stream } = await complete;
    const chunks: string[] = [];
    for (;;) {
      const { data, eof } = await page.command<{ data: string; eof: boolean }>('IO.read', { handle: stream });
      chunks.push(data);
      if (eof) break;
    }
    await page.command('IO.close', { handle: stream });
    await mkdir(profileDir as string, { recursive: true });
    const file = path.join(profileDir as string, `renderer-${name}.trace.json`);
    await writeFile(file, chunks.join(''));
    progress(`renderer trace: ${file}`);
  }
}
