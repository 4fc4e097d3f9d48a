import path from 'node:path';
import { z } from 'zod';
import { LandingOutcomeSchema, QueueSettingsSchema } from '../../shared/merge-queue';
import { JsonFileStore } from '../store/json-file-store';

export const ProjectQueueSchema = z.object({
  settings: QueueSettingsSchema.default(QueueSettingsSchema.parse({})),
  /** The dispatcher's order (thread ids); entries not listed follow in the suggested order. */
  order: z.array(z.string()).default([]),
  /** Threads queued without approval, by explicit choice. */
  queuedAnyway: z.array(z.string()).default([]),
  /** Left out of "Land all" after a stop, until put back. */
  skipped: z.array(z.string()).default([]),
  lastOutcome: LandingOutcomeSchema.nullable().default(null),
  /** What recovering an interrupted landing did at the app's start, until the next landing. */
  recovery: z.string().nullable().default(null),
  stoppedThreadId: z.string().nullable().default(null),
});
export type ProjectQueue = z.infer<typeof ProjectQueueSchema>;

const QueueFileSchema = z.object({
  version: z.literal(1).default(1),
  projects: z.record(z.string(), ProjectQueueSchema).default({}),
});
type QueueFile = z.infer<typeof QueueFileSchema>;

/** `<dataDir>/merge-queue.json`: each project's queue and queue settings (atomic writes, .bak kept). */
export class QueueStore {
  private constructor(
    private readonly store: JsonFileStore<QueueFile>,
    private data: QueueFile,
    readonly problem: string | null,
  ) {}

  static async open(dataDir: string): Promise<QueueStore> {
    const store = new JsonFileStore(path.join(dataDir, 'merge-queue.json'), QueueFileSchema, () =>
      QueueFileSchema.parse({}),
    );
    const loaded = await store.load();
    return new QueueStore(store, loaded.value, loaded.problem);
  }

  get(projectId: string): ProjectQueue {
    return this.data.projects[projectId] ?? ProjectQueueSchema.parse({});
  }

  projectIds(): string[] {
    return Object.keys(this.data.projects);
  }

  async update(projectId: string, change: (queue: ProjectQueue) => ProjectQueue): Promise<ProjectQueue> {
    const next = ProjectQueueSchema.parse(change(this.get(projectId)));
    this.data = { ...this.data, projects: { ...this.data.projects, [projectId]: next } };
    await this.store.save(this.data);
    return next;
  }
}
