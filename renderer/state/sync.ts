import type { SwitchyardBridge } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { ConnectionMonitor } from '../transport/connection-state';
import { useAppInfoStore } from './app-info-store';
import { notify } from './notices-store';
import { useProfilesStore } from './profiles-store';
import { useProjectsStore } from './projects-store';
import { useThreadsStore } from './threads-store';

/** Fetches everything the app shows. Partial failures still apply what did load. */
export async function loadEverything(bridge: SwitchyardBridge): Promise<WireError | null> {
  const [info, projects, profiles, threads] = await Promise.all([
    bridge.invoke('app.info', {}),
    bridge.invoke('projects.list', {}),
    bridge.invoke('profiles.list', {}),
    bridge.invoke('threads.list', {}),
  ]);
  if (info.ok) {
    const firstLoad = useAppInfoStore.getState().info === null;
    useAppInfoStore.getState().setInfo(info.value);
    // A recovered state file is reported once, never hidden.
    if (firstLoad && info.value.stateProblem) {
      notify({ tone: 'error', title: 'Switchyard recovered its saved state', message: info.value.stateProblem });
    }
  }
  if (profiles.ok) useProfilesStore.getState().setProfiles(profiles.value);
  if (threads.ok) useThreadsStore.getState().replaceAll(threads.value);
  if (projects.ok) useProjectsStore.getState().replaceAll(projects.value);
  useThreadsStore.getState().selectWithinProject(useProjectsStore.getState().selectedId);

  for (const result of [info, projects, profiles, threads]) if (!result.ok) return result.error;
  return null;
}

/** What the host may ask the window to do, given by the caller (the inbox's revealThread). */
export interface HostRequests {
  /** `app.openThread`: a desktop notification was clicked in the Electron app. */
  readonly openThread?: (threadId: string) => unknown;
}

/** Applies the host's pushed changes to the stores. Returns the unsubscribe. */
export function subscribeToEvents(bridge: SwitchyardBridge, requests: HostRequests = {}): () => void {
  const unsubscribers = [
    bridge.on('app.openThread', ({ threadId }) => requests.openThread?.(threadId)),
    bridge.on('thread.updated', (thread) => {
      const store = useThreadsStore.getState();
      store.upsert(thread);
      // A thread that appears while nothing is selected (e.g. started from the CLI) gets shown.
      if (store.selectedId === null && thread.projectId === useProjectsStore.getState().selectedId) {
        store.select(thread.id);
      }
    }),
    bridge.on('thread.removed', ({ threadId }) => useThreadsStore.getState().remove(threadId)),
    bridge.on('project.updated', (project) => useProjectsStore.getState().upsert(project)),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

/**
 * Keeps the stores in step with the host: events as they come, a full load at start, and a full
 * reload after every reconnect (events sent while the link was down are gone).
 */
export function startSync(
  bridge: SwitchyardBridge,
  connection: ConnectionMonitor,
  requests: HostRequests = {},
): () => void {
  const unsubscribeEvents = subscribeToEvents(bridge, requests);
  let seenEpoch = connection.getState().epoch;
  let lastLoadFailed = false;

  const load = async () => {
    const error = await loadEverything(bridge);
    lastLoadFailed = error !== null;
    useAppInfoStore.getState().setLoaded(error);
  };

  void load();
  const unsubscribeConnection = connection.subscribe((state) => {
    if (state.status !== 'open' || state.epoch === seenEpoch) return;
    // The first open delivers the queued initial load; later opens mean events may have been missed.
    const firstOpen = seenEpoch === 0;
    seenEpoch = state.epoch;
    if (!firstOpen || lastLoadFailed) void load();
  });

  return () => {
    unsubscribeEvents();
    unsubscribeConnection();
  };
}
