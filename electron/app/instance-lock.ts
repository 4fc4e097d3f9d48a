import { execFile } from 'node:child_process';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The file in the data folder that says which process is using it. */
export const instanceLockName = 'switchyard.lock';

/** What the running instance wrote in its lock: enough to name it and to tell whether it is still alive. */
export interface InstanceHolder {
  readonly pid: number;
  /** Where to reach it: the browser URL without its token, or "its desktop window"; null while starting. */
  readonly url: string | null;
  readonly startedAt: string;
  /** Its command line when it started, to tell it from another program that got the same pid later. */
  readonly command: string | null;
}

/** Another live Switchyard uses this data folder; the message names it. */
export class InstanceLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: InstanceHolder | null,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'InstanceLockedError';
  }
}

export interface InstanceLock {
  readonly file: string;
  /** Records where this instance can be reached, once it knows. */
  setUrl(url: string): Promise<void>;
  /** Removes the lock (clean exit). Safe to call twice. */
  release(): Promise<void>;
  /** The synchronous last resort for process exit handlers. */
  releaseSync(): void;
}

/** A lock file with nothing readable in it yet is another instance mid-start for this long. */
const startingGraceMs = 10_000;

/**
 * Takes the data folder for this process: one Switchyard per folder, or two would overwrite each
 * other's state and run each other's agents. Created with O_EXCL, so of two starting at once only
 * one wins. A lock left by a process that is gone (kill -9, a crash) or whose pid now belongs to
 * another program is taken over. Throws InstanceLockedError naming the live holder.
 */
export async function acquireInstanceLock(
  dataDir: string,
  options: { url?: string | null; now?: () => Date } = {},
): Promise<InstanceLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, instanceLockName);
  const mine: InstanceHolder = {
    pid: process.pid,
    url: options.url ?? null,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    command: await commandLineOf(process.pid),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(file, mine)) return heldLock(file, mine);
    const seen = await readHolder(file);
    if (seen === 'gone') continue; // released meanwhile: try again
    if (seen === 'unreadable') {
      // Created but not yet written (an instance mid-start), or garbage left by a crash.
      const age = await ageMs(file);
      if (age !== null && age < startingGraceMs) throw new InstanceLockedError(dataDir, null);
      await takeOver(file, null);
      continue;
    }
    if (await isLiveInstance(seen)) throw new InstanceLockedError(dataDir, seen);
    await takeOver(file, seen);
  }
  throw new InstanceLockedError(dataDir, null);
}

function heldLock(file: string, holder: InstanceHolder): InstanceLock {
  let current = holder;
  let released = false;
  const ours = async () => {
    const seen = await readHolder(file);
    return typeof seen === 'object' && seen.pid === process.pid && seen.startedAt === holder.startedAt;
  };
  return {
    file,
    setUrl: async (url) => {
      if (released) return;
      current = { ...current, url };
      // Written beside it and renamed over it: a reader never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeNew(temp, current, 'w');
      await rename(temp, file);
    },
    release: async () => {
      if (released) return;
      released = true;
      if (await ours()) await unlink(file).catch(() => undefined);
    },
    releaseSync: () => {
      if (released) return;
      released = true;
      try {
        const seen = JSON.parse(readFileSync(file, 'utf8')) as InstanceHolder;
        if (seen.pid === process.pid && seen.startedAt === holder.startedAt) unlinkSync(file);
      } catch {
        // Gone already, or not ours: nothing to remove.
      }
    },
  };
}

async function createExclusive(file: string, holder: InstanceHolder): Promise<boolean> {
  try {
    await writeNew(file, holder, 'wx');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function writeNew(file: string, holder: InstanceHolder, flag: 'w' | 'wx'): Promise<void> {
  const handle = await open(file, flag, 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(holder, null, 2)}\n`);
  } finally {
    await handle.close();
  }
}

async function readHolder(file: string): Promise<InstanceHolder | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<InstanceHolder>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return 'unreadable';
    return {
      pid: value.pid,
      url: typeof value.url === 'string' ? value.url : null,
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
      command: typeof value.command === 'string' ? value.command : null,
    };
  } catch {
    return 'unreadable';
  }
}

async function ageMs(file: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Moves a stale lock out of the way. The rename is atomic: of two processes taking over the same
 * stale lock only one moves it. Should the file moved turn out to be a fresh lock (someone took
 * over between our look and our move), it is put back.
 */
async function takeOver(file: string, judged: InstanceHolder | null): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  const same =
    judged === null
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.pid === judged.pid && moved.startedAt === judged.startedAt;
  if (!same) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Alive, and still the program that wrote the lock (pids are reused). Our own pid is a leftover. */
async function isLiveInstance(holder: InstanceHolder): Promise<boolean> {
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const command = await commandLineOf(holder.pid);
  // On Linux every live process has a command line; none means a zombie (killed, not yet reaped).
  if (command === null && process.platform === 'linux') return false;
  if (command === null || holder.command === null) return true; // cannot tell: assume it is ours
  return command === holder.command;
}

/** The process's command line, or null where it cannot be read (Windows, a vanished process). */
export async function commandLineOf(pid: number): Promise<string | null> {
  if (process.platform === 'linux') {
    try {
      const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      return raw.replace(/\0+$/, '').split('\0').join(' ') || null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'command=', '-p', String(pid)], { timeout: 2000 }, (error, stdout) =>
      resolve(error ? null : stdout.trim() || null),
    );
  });
}

function describeHolder(dataDir: string, holder: InstanceHolder | null): string {
  if (!holder) {
    return `another Switchyard is starting with the data folder ${dataDir}; wait a moment and try again, or use another --data-dir.`;
  }
  const where = holder.url ? (/^https?:/.test(holder.url) ? ` at ${holder.url}` : ` in ${holder.url}`) : '';
  return (
    `Switchyard is already running with the data folder ${dataDir}${where} (pid ${holder.pid}). ` +
    'Use that one, stop it first, or pick another --data-dir.'
  );
}
