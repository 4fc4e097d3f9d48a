import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { agentHostPaths } from '../../electron/agent-host/protocol';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel). */
const ticksPerSecond = 100;

/** Resident memory of a process, in bytes (VmRSS from /proc/<pid>/status). */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * A process's resident memory split by who else holds it (/proc/<pid>/status and smaps_rollup), in
 * bytes: `anon` is its own heap and stacks; `file` is mapped files (mostly the Node or Electron
 * binary's code, which every process running that binary shares); `uss` is what is resident for
 * this process alone, what the machine gets back when it exits.
 */
export async function memoryBreakdown(pid: number): Promise<{ rss: number; anon: number; file: number; uss: number }> {
  const [status, rollup] = await Promise.all([
    readFile(`/proc/${pid}/status`, 'utf8'),
    readFile(`/proc/${pid}/smaps_rollup`, 'utf8'),
  ]);
  const kb = (text: string, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return {
    rss: kb(status, 'VmRSS'),
    anon: kb(status, 'RssAnon'),
    file: kb(status, 'RssFile'),
    uss: kb(rollup, 'Private_Clean') + kb(rollup, 'Private_Dirty'),
  };
}

/**
 * RSS of a bare Node process of the binary that runs the agent host (`node -e` waiting on a timer):
 * the floor any separate Node process costs by RSS before it does anything.
 */
export async function bareNodeRssBytes(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 800));
    return await rssBytes(child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
}

/** Resident memory of several processes together, in bytes; a process that is gone counts 0. */
export async function rssOfAll(pids: readonly number[]): Promise<number> {
  const each = await Promise.all(pids.map((pid) => rssBytes(pid).catch(() => 0)));
  return each.reduce((a, b) => a + b, 0);
}

/**
 * The agent host serving a data folder (it runs every thread's pty, stream and screens), from its
 * pid file; null before the first thread started it or once it is gone.
 */
export async function agentHostPid(dataDir: string): Promise<number | null> {
  const text = await readFile(agentHostPaths(dataDir).pid, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return (await rssBytes(pid).then(
    () => true,
    () => false,
  ))
    ? pid
    : null;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Measures the CPU a set of processes uses while `during` runs, as % of one core. */
export async function cpuPercentDuring(
  pids: Readonly<Record<string, number>>,
  during: () => Promise<void>,
): Promise<Record<string, number>> {
  const before = await sampleCpu(pids);
  const started = performance.now();
  await during();
  const seconds = (performance.now() - started) / 1000;
  const after = await sampleCpu(pids);
  return Object.fromEntries(
    Object.keys(pids).map((name) => [name, (((after[name] ?? 0) - (before[name] ?? 0)) / seconds) * 100]),
  );
}

async function sampleCpu(pids: Readonly<Record<string, number>>): Promise<Record<string, number>> {
  const entries = await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, await cpuSeconds(pid)]));
  return Object.fromEntries(entries);
}

/** Samples the RSS of a set of processes together every `intervalMs` until stopped; keeps the first, last and peak. */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  first = 0;
  last = 0;
  peak = 0;

  constructor(
    private readonly pids: readonly number[],
    private readonly intervalMs = 200,
  ) {}

  async start(): Promise<void> {
    this.first = await rssOfAll(this.pids);
    this.last = this.first;
    this.peak = this.first;
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
  }

  private async sample(): Promise<void> {
    const rss = await rssOfAll(this.pids).catch(() => this.last);
    this.last = rss;
    this.peak = Math.max(this.peak, rss);
  }
}

/** Processes whose parent chain leads to `ancestor` (Chromium's renderers, the agents of a host). */
export async function descendants(ancestor: number): Promise<Array<{ pid: number; cmdline: string }>> {
  const parents = new Map<number, number>();
  const cmdlines = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmdlines.set(pid, (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim());
    } catch {
      // The process ended while we looked.
    }
  }
  const isBelow = (pid: number): boolean => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) {
      if (parent === ancestor) return true;
    }
    return false;
  };
  return [...parents.keys()].filter(isBelow).map((pid) => ({ pid, cmdline: cmdlines.get(pid) ?? '' }));
}

export const mb = (bytes: number): number => bytes / 1e6;
