import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Project, Thread } from '../../shared/models';
import { type AppState, AppStateSchema, emptyAppState } from './app-state';
import { JsonFileStore, type LoadResult } from './json-file-store';
import { withStatusSince } from './status-since';

/** The parts of the state a service owns whole. */
type OwnedPart = 'briefTemplates' | 'customProfiles' | 'settings' | 'attemptGroups' | 'attemptWeights';

/** The in-memory app state with its file behind it; every change is saved at once. */
export class StateRepository {
  private closed = false;

  private constructor(
    private readonly store: JsonFileStore<AppState>,
    private state: AppState,
    readonly loadReport: Omit<LoadResult<AppState>, 'value'>,
  ) {}

  static async open(dataDir: string): Promise<StateRepository> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const store = new JsonFileStore(path.join(dataDir, 'state.json'), AppStateSchema, emptyAppState);
    const { value, ...report } = await store.load();
    return new StateRepository(store, value, report);
  }

  projects(): Project[] {
    return [...this.state.projects];
  }

  project(id: string): Project {
    const project = this.state.projects.find((p) => p.id === id);
    if (!project) throw new AppError('not-found', `No open project has the id "${id}".`);
    return project;
  }

  findProjectByPath(projectPath: string): Project | undefined {
    return this.state.projects.find((p) => p.path === projectPath);
  }

  threads(): Thread[] {
    return [...this.state.threads];
  }

  thread(id: string): Thread {
    const thread = this.state.threads.find((t) => t.id === id);
    if (!thread) throw new AppError('not-found', `There is no thread with the id "${id}" (was it removed?).`);
    return thread;
  }

  /** One part of the state, for services that own it (templates, custom profiles, settings). */
  get<K extends OwnedPart>(key: K): AppState[K] {
    return this.state[key];
  }

  async set<K extends OwnedPart>(key: K, value: AppState[K]): Promise<void> {
    this.state = { ...this.state, [key]: value };
    await this.save();
  }

  async putProject(project: Project): Promise<Project> {
    this.state = { ...this.state, projects: upsert(this.state.projects, project) };
    await this.save();
    return project;
  }

  /** Saves the thread; its `statusSince` follows its status (status-since.ts). Returns what was saved. */
  async putThread(thread: Thread): Promise<Thread> {
    const saved = withStatusSince(
      this.state.threads.find((t) => t.id === thread.id),
      thread,
    );
    this.state = { ...this.state, threads: upsert(this.state.threads, saved) };
    await this.save();
    return saved;
  }

  async deleteThread(id: string): Promise<void> {
    this.state = { ...this.state, threads: this.state.threads.filter((t) => t.id !== id) };
    await this.save();
  }

  /**
   * Waits for every write asked for so far, then writes no more: a status that arrives after the
   * app shut down (an agent's exit settling) must not land in a folder the next instance may
   * already own — it copied a file that instance found corrupt over the backup it recovers from.
   * The state in memory still changes, for whoever reads it last.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.store.flush();
  }

  private save(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.store.save(this.state);
  }
}

function upsert<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [...items, item];
  const copy = [...items];
  copy[index] = item;
  return copy;
}
