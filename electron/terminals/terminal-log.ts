import { appendFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A thread's terminal output on disk, so its scrollback survives a restart. Bounded: past
 * `maxBytes` the file becomes `<name>.1` (replacing the older one) and a new file starts, so a
 * thread never holds more than twice that.
 */
export class TerminalLog {
  private writing: Promise<void> = Promise.resolve();
  private size: number | null = null;

  constructor(
    readonly file: string,
    private readonly maxBytes = 2 * 1024 * 1024,
  ) {}

  static forThread(dataDir: string, threadId: string): TerminalLog {
    return new TerminalLog(path.join(dataDir, 'terminals', `${threadId}.log`));
  }

  /** Queues `data`; writes stay in order and never block the caller. */
  append(data: string): void {
    this.writing = this.writing.then(() => this.write(data)).catch(() => undefined);
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  /** The last `maxChars` characters logged (both files), as the terminal would replay them. */
  async tail(maxChars: number): Promise<string> {
    await this.flushed();
    const maxBytes = maxChars * 4;
    const current = await readTail(this.file, maxBytes);
    const older =
      current.length < maxBytes ? await readTail(`${this.file}.1`, maxBytes - current.length) : Buffer.alloc(0);
    const text = Buffer.concat([older, current]).toString('utf8');
    // A cut through a multi-byte character decodes as U+FFFD at the very start; drop it.
    return text.slice(-maxChars).replace(/^\uFFFD+/, '');
  }

  async remove(): Promise<void> {
    await this.flushed();
    await rm(this.file, { force: true });
    await rm(`${this.file}.1`, { force: true });
  }

  private async write(data: string): Promise<void> {
    if (this.size === null) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.size = (await stat(this.file).catch(() => null))?.size ?? 0;
    }
    const bytes = Buffer.byteLength(data);
    if (this.size + bytes > this.maxBytes && this.size > 0) {
      await rename(this.file, `${this.file}.1`).catch(() => undefined);
      this.size = 0;
    }
    await appendFile(this.file, data, { mode: 0o600 });
    this.size += bytes;
  }
}

async function readTail(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return Buffer.alloc(0);
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer;
  } finally {
    await handle.close();
  }
}
