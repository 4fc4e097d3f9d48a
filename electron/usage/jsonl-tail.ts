import { open, stat } from 'node:fs/promises';

/** What one read of a JSONL file found. */
export interface TailRead {
  /** The complete lines appended since the last read, parsed (lines that are not JSON are skipped). */
  readonly records: unknown[];
  /**
   * The file was replaced or cut shorter since the last read, so `records` start again from its
   * first line: whoever keeps state per file must drop it.
   */
  readonly restarted: boolean;
}

/** Bytes read at once: a session file that is already long is read in steps, never whole. */
const readChunkBytes = 1024 * 1024;

/**
 * Follows one append-only JSONL file (an agent's session log): each read returns only the lines
 * written since the one before. A last line still being written is held back until its newline
 * comes; a file that shrank or was replaced is read again from the start.
 */
export class JsonlTail {
  private offset = 0;
  /** The bytes of an unfinished last line (kept as bytes: a chunk may end inside a character). */
  private carry: Buffer = Buffer.alloc(0);
  private inode: number | null = null;

  constructor(readonly file: string) {}

  async read(): Promise<TailRead> {
    let size: number;
    let inode: number;
    try {
      const info = await stat(this.file);
      size = info.size;
      inode = info.ino;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], restarted: false };
      throw error;
    }
    let restarted = false;
    if ((this.inode !== null && inode !== this.inode) || size < this.offset) {
      this.offset = 0;
      this.carry = Buffer.alloc(0);
      restarted = true;
    }
    this.inode = inode;
    const records: unknown[] = [];
    if (size === this.offset) return { records, restarted };

    const handle = await open(this.file, 'r');
    try {
      while (this.offset < size) {
        const buffer = Buffer.alloc(Math.min(readChunkBytes, size - this.offset));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.takeLines(Buffer.concat([this.carry, buffer.subarray(0, bytesRead)]), records);
      }
    } finally {
      await handle.close();
    }
    return { records, restarted };
  }

  private takeLines(bytes: Buffer, into: unknown[]): void {
    let start = 0;
    for (let end = bytes.indexOf(0x0a, start); end !== -1; end = bytes.indexOf(0x0a, start)) {
      const line = bytes.toString('utf8', start, end).trim();
      start = end + 1;
      if (!line) continue;
      try {
        into.push(JSON.parse(line));
      } catch {
        // A line that is not JSON (a crash mid-write long ago) carries nothing we can count.
      }
    }
    this.carry = Buffer.from(bytes.subarray(start));
  }
}
