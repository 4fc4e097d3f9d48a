import { AppError } from '../../shared/errors';
import { integrationBranchName } from '../../shared/merge-queue';
import type { Project, Thread } from '../../shared/models';
import type { DomainServiceOptions } from '../threads/domain-service-options';
import { currentBranch } from '../git/repo';
import type { KnownThread } from './find-orphans';
import type { QueueStore } from './queue-store';

/**
 * What every part of the merge queue reads: the app's projects and threads, the queue file, and
 * a project's base and target. Holds no state of its own.
 */
export class QueueContext {
  constructor(
    readonly options: DomainServiceOptions,
    readonly store: QueueStore,
  ) {}

  log(message: string): void {
    this.options.log(`[switchyard] ${message}`);
  }

  project(projectId: string): Project {
    return this.options.projects.get(projectId);
  }

  projectThreads(projectId: string): Thread[] {
    return this.options.state.threads().filter((t) => t.projectId === projectId);
  }

  /** Every thread on the same repository (a repo opened twice is still one set of branches). */
  repoThreads(project: Project): Thread[] {
    const projectIds = new Set(
      this.options.projects
        .list()
        .filter((p) => p.path === project.path)
        .map((p) => p.id),
    );
    return this.options.state.threads().filter((t) => projectIds.has(t.projectId));
  }

  /** The repository's threads as orphan finding knows them. */
  knownThreads(project: Project): KnownThread[] {
    return this.repoThreads(project).map((t) => ({
      threadId: t.id,
      name: t.name,
      branch: t.branch,
      worktreePath: t.worktreePath,
    }));
  }

  threadOf(projectId: string, threadId: string): Thread {
    const thread = this.options.state.thread(threadId);
    if (thread.projectId !== projectId) {
      throw new AppError('invalid-request', `The thread "${thread.name}" belongs to another project.`);
    }
    return thread;
  }

  /** The base (setting, else the main checkout's branch) and the target (the base or integration/<name>). */
  async targetOf(projectId: string): Promise<{ base: string; target: string }> {
    const project = this.project(projectId);
    const { settings } = this.store.get(projectId);
    const base = settings.base ?? (await currentBranch(project.path)) ?? project.currentBranch ?? 'main';
    return { base, target: settings.integrationName ? integrationBranchName(settings.integrationName) : base };
  }
}
