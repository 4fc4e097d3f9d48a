import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DashboardPage } from './dashboard-page';
import { progress } from './report';

/**
 * BENCH_PROFILE_DIR=<folder>: CPU profiles of the measured work, to open in Chrome DevTools
 * (Performance → load profile): the host's whole life (node --cpu-prof) and the dashboard's
 * renderer during each measurement. Profiling slows things down; figures from such a run are not
 * the figures to quote.
 */
export const profileDir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : null;

export function hostProfilingFlags(): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}

/** Runs `during` with the renderer's sampling profiler on, and saves the profile as `<name>.cpuprofile`. */
export async function profileRenderer<T>(page: DashboardPage, name: string, during: () => Promise<T>): Promise<T> {
  if (!profileDir) return during();
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
