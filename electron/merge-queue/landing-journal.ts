import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ChangelogSettingsSchema } from '../../shared/merge-queue';
import { commonGitDir } from '../git/repo';
import { JsonFileStore } from '../store/json-file-store';
import { sanitizeForPath } from './target-name';

/**
 * What a landing is doing right now, written before each step. It lives in the repository's git
 * folder, so whoever lands next into the same target (the app or the CLI) finds and undoes an
 * interrupted entry exactly: `pre` is where the target was before it.
 */
/** An entry this run has landed (the target moved to `commit`), with its fragments still to gather. */
export const JournalLandedSchema = z.object({
  branch: z.string(),
  commit: z.string(),
  fragments: z.array(z.string()).default([]),
});
export type JournalLanded = z.infer<typeof JournalLandedSchema>;

export const LandingJournalSchema = z.object({
  target: z.string(),
  worktree: z.string(),
  /** Landing head when the whole run began. */
  before: z.string(),
  /** Landing head before the entry in progress. */
  pre: z.string(),
  /** The entry in progress; null for the changelog step. */
  branch: z.string().nullable(),
  step: z.enum(['applying', 'verifying', 'publishing', 'changelog']),
  /** The commit the entry produced, once it exists. */
  candidate: z.string().nullable(),
  /** The changelog fragments of the entry in progress: to gather too if it turns out to have landed. */
  fragments: z.array(z.string()).default([]),
  /**
   * The entries this run has already landed, in order. Their fragments are gathered at the end
   * of the run; a run interrupted before that leaves them here, and recovery gathers them.
   */
  landed: z.array(JournalLandedSchema).default([]),
  /** Where fragments are gathered; null: the run gathers none. */
  changelog: ChangelogSettingsSchema.nullable().default(null),
  pid: z.number().int(),
  at: z.string(),
});
export type LandingJournal = z.infer<typeof LandingJournalSchema>;
/** What a landing writes (the journal adds who and when; the lists may be left out when empty). */
export type LandingJournalEntry = Omit<z.input<typeof LandingJournalSchema>, 'pid' | 'at'>;

export class LandingJournalFile {
  private constructor(
    readonly file: string,
    private readonly store: JsonFileStore<LandingJournal | null>,
  ) {}

  static async of(repo: string, target: string): Promise<LandingJournalFile> {
    const folder = path.join(await commonGitDir(repo), 'switchyard');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `landing-${sanitizeForPath(target)}.json`);
    return new LandingJournalFile(file, new JsonFileStore(file, LandingJournalSchema.nullable(), () => null));
  }

  async read(): Promise<LandingJournal | null> {
    return (await this.store.load()).value;
  }

  write(journal: LandingJournalEntry): Promise<void> {
    return this.store.save(LandingJournalSchema.parse({ ...journal, pid: process.pid, at: new Date().toISOString() }));
  }

  async clear(): Promise<void> {
    await this.store.save(null);
    await unlink(this.file).catch(() => undefined);
    await unlink(`${this.file}.bak`).catch(() => undefined);
  }
}
