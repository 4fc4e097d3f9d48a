import path from 'node:path';
import { z } from 'zod';
import { type ReviewerSettings, ReviewerSettingsSchema } from '../../shared/contract/reviewer';
import { JsonFileStore } from '../store/json-file-store';

/** Review all runs this many reviewers at once unless the project says otherwise. */
export const defaultMaxParallelReviewers = 2;

const ReviewerFileSchema = z.object({ projects: z.record(z.string(), ReviewerSettingsSchema) });
type ReviewerFile = z.infer<typeof ReviewerFileSchema>;

/** Each project's reviewer prompt and parallelism, kept in `reviewer.json` in the data folder. */
export class ReviewerSettingsStore {
  private constructor(
    private readonly store: JsonFileStore<ReviewerFile>,
    private data: ReviewerFile,
    readonly problem: string | null,
  ) {}

  static async open(dataDir: string): Promise<ReviewerSettingsStore> {
    const store = new JsonFileStore(path.join(dataDir, 'reviewer.json'), ReviewerFileSchema, () => ({
      projects: {},
    }));
    const loaded = await store.load();
    return new ReviewerSettingsStore(store, loaded.value, loaded.problem);
  }

  get(projectId: string): ReviewerSettings {
    return this.data.projects[projectId] ?? { prompt: null, maxParallel: defaultMaxParallelReviewers };
  }

  async set(projectId: string, settings: ReviewerSettings): Promise<ReviewerSettings> {
    // A prompt left blank means the built-in one.
    const prompt = settings.prompt?.trim() ? settings.prompt : null;
    const next = { ...settings, prompt };
    this.data = { projects: { ...this.data.projects, [projectId]: next } };
    await this.store.save(this.data);
    return next;
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
