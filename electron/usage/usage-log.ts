import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type UsageLogEntry, UsageLogEntrySchema } from '../../shared/usage';

export const usageLogFileName = 'usage.jsonl';

/**
 * The cost log: `usage.jsonl` in the data folder, one line per change of one thread's spend on
 * one model, never rewritten. Appends are serialised so two changes never interleave their bytes.
 */
export class UsageLog {
  readonly file: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, usageLogFileName);
  }

  append(entries: readonly UsageLogEntry[]): Promise<void> {
    if (entries.length === 0) return this.queue;
    const text = entries.map((entry) => `${JSON.stringify(UsageLogEntrySchema.parse(entry))}\n`).join('');
    const write = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await appendFile(this.file, text, { mode: 0o600 });
    });
    // A failed write must not stop the ones after it.
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Every well-formed line; a missing log is an empty one, a torn or foreign line is skipped. */
  async read(): Promise<UsageLogEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseUsageLog(text);
  }
}

export function parseUsageLog(text: string): UsageLogEntry[] {
  const entries: UsageLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = UsageLogEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A line cut by a crash mid-append.
    }
  }
  return entries;
}
