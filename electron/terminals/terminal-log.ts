import { appendFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A thread's terminal output on disk, so its scrollback survives a restart. Bounded: past
 * `maxBytes` the file becomes `<name>.1` (replacing the older one) and a new file starts, so a
 * thread never holds more than twice that.
 *
 * Appends are queued and written in order by one writer, everything queued since the last write
 * in one go (a flood of small chunks is a few large writes, not one open-write-close each). What
 * is queued and not yet written is `pendingChars`; the terminal stream pauses its producer while
 * that is high, so a slow disk never turns into host memory.
 */
export class TerminalLog {
  private queue: string[] = [];
  private queuedChars = 0;
  /** Characters taken off the queue by the write in progress. */
  private writingChars = 0;
  private writer: Promise<void> | null = null;
  private size: number | null = null;
  private listener: (() => void) | null = null;

  constructor(
    readonly file: string,
    private readonly maxBytes = 2 * 1024 * 1024,
  ) {}

  static forThread(dataDir: string, threadId: string): TerminalLog {
    return new TerminalLog(path.join(dataDir, 'terminals', `${threadId}.log`));
  }

  /** Queues `data`; writes stay in order and never block the caller. */
  append(data: string): void {
    if (!data) return;
    this.queue.push(data);
    this.queuedChars += data.length;
    this.writer ??= this.writeQueued();
  }

  /** Characters appended and not yet on disk. */
  get pendingChars(): number {
    return this.queuedChars + this.writingChars;
  }

  /** `listener` is called after each write (one per batch of appends); null stops it. */
  onWritten(listener: (() => void) | null): void {
    this.listener = listener;
  }

  /** Resolves once everything appended so far is on disk. */
  async flushed(): Promise<void> {
    while (this.writer) await this.writer;
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

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const data = this.queue.length === 1 ? (this.queue[0] ?? '') : this.queue.join('');
        this.queue = [];
        this.writingChars = this.queuedChars;
        this.queuedChars = 0;
        // A failed write loses that output from the log, never the terminal; the next one tries again.
        await this.write(data).catch(() => undefined);
        this.writingChars = 0;
        this.listener?.();
      }
    } finally {
      this.writer = null;
    }
  }

  private async write(data: string): Promise<void> {
    if (this.size === null) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.size = (await stat(this.file).catch(() => null))?.size ?? 0;
    }
    let bytes = Buffer.from(data, 'utf8');
    // Filled to `maxBytes` and then rotated, so a large batch splits across the two files as
    // separate appends would have (a character cut at the seam reads back whole: tail joins both).
    while (bytes.length > 0) {
      if (this.size >= this.maxBytes) {
        await rename(this.file, `${this.file}.1`).catch(() => undefined);
        this.size = 0;
      }
      const piece = bytes.subarray(0, this.maxBytes - this.size);
      await appendFile(this.file, piece, { mode: 0o600 });
      this.size += piece.length;
      bytes = bytes.subarray(piece.length);
    }
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
