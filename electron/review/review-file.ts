import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type ReviewComment, ReviewCommentSchema } from '../../shared/review-comments';
import { defaultReviewSettings, type ReviewSettings, ReviewSettingsSchema } from '../../shared/review-settings';
import { type VerificationRun, VerificationRunSchema } from '../../shared/review-verification';
import { type ViewedFiles, ViewedFilesSchema } from '../../shared/review-viewed';
import { JsonFileStore } from '../store/json-file-store';

const ReviewFileSchema = z.object({
  version: z.literal(1),
  comments: z.array(ReviewCommentSchema),
  runs: z.array(VerificationRunSchema),
  /** Per project. */
  settings: z.record(z.string(), ReviewSettingsSchema),
  /** Per thread (absent from files written before files could be marked viewed). */
  viewed: z.record(z.string(), ViewedFilesSchema).default({}),
});
type ReviewData = z.infer<typeof ReviewFileSchema>;

/** Verification runs kept per thread (newest); older ones are dropped. */
const runsKeptPerThread = 20;

/**
 * The review pane's own data in `<dataDir>/review.json`: comments, verification runs and
 * per-project review settings. Written atomically after every change, like the app state.
 */
export class ReviewFile {
  private constructor(
    private readonly store: JsonFileStore<ReviewData>,
    private data: ReviewData,
    readonly problem: string | null,
  ) {}

  static async open(dataDir: string): Promise<ReviewFile> {
    const store = new JsonFileStore(path.join(dataDir, 'review.json'), ReviewFileSchema, () => ({
      version: 1 as const,
      comments: [],
      runs: [],
      settings: {},
      viewed: {},
    }));
    const loaded = await store.load();
    const data = loaded.value;
    // A run that was going when the app stopped did not finish; say so instead of "running" forever.
    let changed = false;
    data.runs = data.runs.map((run) => {
      if (run.state !== 'running') return run;
      changed = true;
      return { ...run, state: 'interrupted' as const, finishedAt: run.finishedAt ?? new Date().toISOString() };
    });
    const file = new ReviewFile(store, data, loaded.problem);
    if (changed) await file.save();
    return file;
  }

  comments(threadId: string): ReviewComment[] {
    return this.data.comments.filter((c) => c.threadId === threadId);
  }

  comment(threadId: string, commentId: string): ReviewComment {
    const found = this.data.comments.find((c) => c.threadId === threadId && c.id === commentId);
    if (!found) throw new AppError('not-found', `There is no comment "${commentId}" on this thread (was it deleted?).`);
    return found;
  }

  async putComments(changed: readonly ReviewComment[]): Promise<void> {
    const byId = new Map(changed.map((c) => [c.id, c]));
    const kept = this.data.comments.map((c) => byId.get(c.id) ?? c);
    const added = changed.filter((c) => !this.data.comments.some((existing) => existing.id === c.id));
    this.data = { ...this.data, comments: [...kept, ...added] };
    await this.save();
  }

  /** Takes some of a thread's comments out and puts others in, in one write. */
  async replaceComments(
    threadId: string,
    removedIds: ReadonlySet<string>,
    added: readonly ReviewComment[],
  ): Promise<void> {
    const kept = this.data.comments.filter((c) => !(c.threadId === threadId && removedIds.has(c.id)));
    this.data = { ...this.data, comments: [...kept, ...added] };
    await this.save();
  }

  async deleteComment(threadId: string, commentId: string): Promise<boolean> {
    const before = this.data.comments.length;
    this.data = {
      ...this.data,
      comments: this.data.comments.filter((c) => !(c.threadId === threadId && c.id === commentId)),
    };
    if (this.data.comments.length === before) return false;
    await this.save();
    return true;
  }

  /** Newest first. */
  runs(threadId: string): VerificationRun[] {
    return this.data.runs.filter((r) => r.threadId === threadId).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async putRun(run: VerificationRun): Promise<void> {
    const others = this.data.runs.filter((r) => r.id !== run.id);
    const ofThread = [run, ...others.filter((r) => r.threadId === run.threadId)]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, runsKeptPerThread);
    this.data = { ...this.data, runs: [...others.filter((r) => r.threadId !== run.threadId), ...ofThread] };
    await this.save();
  }

  viewed(threadId: string): ViewedFiles {
    return this.data.viewed[threadId] ?? {};
  }

  async putViewed(threadId: string, fileId: string, version: string | null): Promise<ViewedFiles> {
    const { [fileId]: _previous, ...others } = this.viewed(threadId);
    const next = version === null ? others : { ...others, [fileId]: version };
    this.data = { ...this.data, viewed: { ...this.data.viewed, [threadId]: next } };
    await this.save();
    return next;
  }

  settings(projectId: string): ReviewSettings {
    return this.data.settings[projectId] ?? defaultReviewSettings();
  }

  async putSettings(projectId: string, settings: ReviewSettings): Promise<void> {
    this.data = { ...this.data, settings: { ...this.data.settings, [projectId]: settings } };
    await this.save();
  }

  /** A removed thread takes its comments, runs and viewed marks with it. */
  async forgetThread(threadId: string): Promise<void> {
    const { [threadId]: _gone, ...viewed } = this.data.viewed;
    this.data = {
      ...this.data,
      viewed,
      comments: this.data.comments.filter((c) => c.threadId !== threadId),
      runs: this.data.runs.filter((r) => r.threadId !== threadId),
    };
    await this.save();
  }

  /** Waits for the writes already asked for: nothing may touch review.json after shutdown. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private save(): Promise<void> {
    return this.store.save(this.data);
  }
}
