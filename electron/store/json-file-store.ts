import { randomBytes } from 'node:crypto';
import { open, readFile, rename, copyFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

export interface LoadResult<T> {
  readonly value: T;
  /** Set when the main file was unreadable and something else was used: say so, never hide it. */
  readonly recoveredFrom: 'backup' | 'defaults' | null;
  readonly problem: string | null;
}

/**
 * A JSON document on disk written atomically (temp file, fsync, rename) with the previous good
 * copy kept beside it. A corrupt file is moved aside, never silently overwritten.
 */
export class JsonFileStore<T> {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: () => T,
  ) {}

  get backupFile(): string {
    return `${this.file}.bak`;
  }

  async load(): Promise<LoadResult<T>> {
    const main = await this.read(this.file);
    if (main.kind === 'ok') return { value: main.value, recoveredFrom: null, problem: null };
    if (main.kind === 'missing') return { value: this.defaults(), recoveredFrom: null, problem: null };
    const corruptCopy = `${this.file}.corrupt-${Date.now()}`;
    await rename(this.file, corruptCopy).catch(() => undefined);
    const backup = await this.read(this.backupFile);
    const problem = `${path.basename(this.file)} could not be read (${main.reason}); it was kept as ${path.basename(corruptCopy)}.`;
    if (backup.kind === 'ok') return { value: backup.value, recoveredFrom: 'backup', problem };
    return { value: this.defaults(), recoveredFrom: 'defaults', problem };
  }

  /** Writes are serialized so a slow write never lands after a newer one. */
  save(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    this.writing = this.writing.catch(() => undefined).then(() => this.writeAtomically(text));
    return this.writing;
  }

  /** Resolves once every write asked for so far has reached the disk (or failed): for shutdown. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  private async writeAtomically(text: string): Promise<void> {
    // Unique per write: two stores (or two app instances in one process) must never share a temp file.
    const temp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await copyFile(this.file, this.backupFile).catch(() => undefined);
    try {
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  private async read(
    file: string,
  ): Promise<{ kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'bad'; reason: string }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'bad', reason: (error as Error).message };
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'ok', value: parsed.data };
      return { kind: 'bad', reason: `unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    } catch (error) {
      return { kind: 'bad', reason: `not valid JSON: ${(error as Error).message}` };
    }
  }
}
