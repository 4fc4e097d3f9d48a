import type { RequestOf, ResponseOf, Result, SwitchyardBridge } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { Project, Thread } from '../../shared/models';
import { getBridge } from '../transport/bridge';
import { notify, settleNotices } from './notices-store';
import { useProfilesStore } from './profiles-store';
import { useProjectsStore } from './projects-store';
import { useThreadsStore } from './threads-store';

/**
 * Everything the UI asks the host to do, with the store updates that follow success. Each call
 * resolves to the host's Result so the caller can show errors next to the control that caused them.
 */
export function createActions(bridge: SwitchyardBridge) {
  const threads = () => useThreadsStore.getState();
  const projects = () => useProjectsStore.getState();

  function selectProject(projectId: string | null): void {
    projects().select(projectId);
    threads().selectWithinProject(projectId);
  }

  function adoptProject(project: Project): void {
    projects().upsert(project);
    selectProject(project.id);
  }

  /** Records a thread action's failure (or clears it on success) so the thread header shows it. */
  function trackThreadResult<T>(threadId: string, action: string, result: Result<T>): Result<T> {
    threads().setError(threadId, result.ok ? null : { action, error: result.error });
    return result;
  }

  return {
    selectProject,

    async openProject(path: string): Promise<Result<Project>> {
      const result = await bridge.invoke('projects.open', { path });
      if (result.ok) adoptProject(result.value);
      return result;
    },

    /** Native folder picker, then open. `value: null` means the dispatcher cancelled. */
    async pickAndOpenProject(): Promise<Result<Project | null>> {
      const picked = await bridge.invoke('projects.pickFolder', {});
      if (!picked.ok) return picked;
      if (picked.value.path === null) return { ok: true, value: null };
      const result = await bridge.invoke('projects.open', { path: picked.value.path });
      if (result.ok) adoptProject(result.value);
      return result;
    },

    async setWorktreeRoot(projectId: string, worktreeRoot: string): Promise<Result<Project>> {
      const result = await bridge.invoke('projects.setWorktreeRoot', { projectId, worktreeRoot });
      if (result.ok) projects().upsert(result.value);
      return result;
    },

    async setProjectSetup(
      projectId: string,
      setupCommand: string[] | null,
      copyFiles: string[],
    ): Promise<Result<Project>> {
      const result = await bridge.invoke('projects.setSetup', { projectId, setupCommand, copyFiles });
      if (result.ok) projects().upsert(result.value);
      return result;
    },

    async resumeThread(threadId: string): Promise<Result<Thread>> {
      const result = trackThreadResult(threadId, 'Resume', await bridge.invoke('threads.resume', { threadId }));
      const action = `threads.resume:${threadId}`;
      if (result.ok) {
        threads().upsert(result.value);
        settleNotices(action);
      } else notify({ tone: 'error', title: 'Could not resume the agent', message: result.error.message, action });
      return result;
    },

    async startDemo(): Promise<Result<ResponseOf<'demo.start'>>> {
      const result = await bridge.invoke('demo.start', {});
      if (result.ok) {
        const { project, threads: demoThreads } = result.value;
        threads().upsertMany(demoThreads);
        projects().upsert(project);
        projects().select(project.id);
        const first = demoThreads.find((t) => t.projectId === project.id) ?? null;
        if (first) threads().select(first.id);
        else threads().selectWithinProject(project.id);
      }
      return result;
    },

    branches(projectId: string): Promise<Result<ResponseOf<'projects.branches'>>> {
      return bridge.invoke('projects.branches', { projectId });
    },

    async refreshProfiles(): Promise<Result<ResponseOf<'profiles.list'>>> {
      const result = await bridge.invoke('profiles.list', {});
      if (result.ok) useProfilesStore.getState().setProfiles(result.value);
      return result;
    },

    async createThread(request: RequestOf<'threads.create'>): Promise<Result<Thread>> {
      const result = await bridge.invoke('threads.create', request);
      if (result.ok) {
        threads().upsert(result.value);
        threads().select(result.value.id);
      }
      return result;
    },

    async stopThread(threadId: string): Promise<Result<Thread>> {
      const result = trackThreadResult(threadId, 'Stop', await bridge.invoke('threads.stop', { threadId }));
      const action = `threads.stop:${threadId}`;
      if (result.ok) {
        threads().upsert(result.value);
        settleNotices(action);
      } else notify({ tone: 'error', title: 'Could not stop the agent', message: result.error.message, action });
      return result;
    },

    async mergeThread(threadId: string): Promise<Result<ResponseOf<'merge.run'>>> {
      return trackThreadResult(threadId, 'Merge', await bridge.invoke('merge.run', { threadId }));
    },

    async removeThread(threadId: string, discard: boolean): Promise<Result<ResponseOf<'threads.remove'>>> {
      const result = await bridge.invoke('threads.remove', { threadId, discard });
      // `unsaved-work` is a question for the dispatcher, not a failure worth keeping on the thread.
      if (!result.ok && result.error.kind !== 'unsaved-work') trackThreadResult(threadId, 'Remove', result);
      // The `thread.removed` event does the same; doing it here too keeps the UI right if it is late.
      if (result.ok) threads().remove(threadId);
      return result;
    },

    /** Reports a failed thread action the UI performed itself (e.g. a failed diff load). */
    reportThreadError(threadId: string, action: string, error: WireError): void {
      threads().setError(threadId, { action, error });
    },
  };
}

export type Actions = ReturnType<typeof createActions>;

let actions: Actions | null = null;

export function getActions(): Actions {
  actions ??= createActions(getBridge());
  return actions;
}
