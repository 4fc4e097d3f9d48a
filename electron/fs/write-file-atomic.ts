import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod, open, rename, unlink } from 'node:fs/promises';

export interface AtomicWriteOptions {
  /** Permissions of the file written (the umask cannot widen them; an older, looser file is narrowed). */
  readonly mode?: number;
  /** Waits for the data to reach the disk before the rename: a power loss then leaves old or new, never empty. */
  readonly sync?: boolean;
}

/**
 * Replaces `file` with `text` in one step for every reader: written to a uniquely named file beside
 * it, then renamed over it. A process killed mid-write (an agent host kill -9) leaves the previous
 * file whole instead of a truncated one that reads as "no agents", and two writers never share a
 * temporary file.
 */
export async function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'w', mode);
    try {
      await handle.writeFile(text, 'utf8');
      if (options.sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * `writeFileAtomic` done before returning, for a small file that must be on disk before anything
 * else happens (the agent host's list of agent pids, written as an agent starts: a host killed a
 * moment later must not leave that agent unlisted, hence orphaned).
 */
export function writeFileAtomicSync(file: string, text: string, mode = 0o600): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, text, { mode });
    chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

/**
 * Writes a file whose content is computed at write time, one write at a time: asked again while a
 * write is under way, it writes once more afterwards, so the file always ends with the latest
 * content and an older write never lands after a newer one.
 */
export class LatestFileWriter {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly file: string,
    private readonly content: () => string,
    private readonly options: AtomicWriteOptions = {},
  ) {}

  /** Resolves once a write that started after this call has finished (errors are swallowed: best effort). */
  write(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await writeFileAtomic(this.file, this.content(), this.options).catch(() => undefined);
    } while (this.again);
  }
}
