import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { AttemptGroup } from '../../shared/attempts';
import { getBridge, getConnection } from '../transport/bridge';
import { onReconnect } from '../transport/on-reconnect';

interface AttemptsState {
  groups: Record<string, AttemptGroup>;
  /** The group whose compare view is open. */
  comparing: string | null;
  replaceAll(groups: readonly AttemptGroup[]): void;
  upsert(group: AttemptGroup): void;
  openCompare(groupId: string): void;
  closeCompare(): void;
}

export const useAttemptsStore = create<AttemptsState>()((set) => ({
  groups: {},
  comparing: null,
  replaceAll: (groups) => set({ groups: Object.fromEntries(groups.map((g) => [g.id, g])) }),
  upsert: (group) => set((state) => ({ groups: { ...state.groups, [group.id]: group } })),
  openCompare: (comparing) => set({ comparing }),
  closeCompare: () => set({ comparing: null }),
}));

/** Loads the attempt groups, follows `attempt.updated`, and loads again after a reconnect. */
export function useAttemptsSync(): void {
  useEffect(() => {
    const bridge = getBridge();
    const connection = getConnection();
    let stopped = false;
    const load = () =>
      void bridge.invoke('attempts.list', {}).then((result) => {
        if (!stopped && result.ok) useAttemptsStore.getState().replaceAll(result.value);
      });
    load();
    const unsubscribers = [
      onReconnect(connection, load),
      bridge.on('attempt.updated', (group) => useAttemptsStore.getState().upsert(group)),
    ];
    return () => {
      stopped = true;
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, []);
}

/** The project's attempt groups, oldest first. */
export function useProjectGroups(projectId: string | null): AttemptGroup[] {
  const groups = useAttemptsStore((state) => state.groups);
  return useMemo(
    () =>
      Object.values(groups)
        .filter((g) => g.projectId === projectId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [groups, projectId],
  );
}

/** Threads shown under their group in the sidebar rather than in the flat list. */
export function useAttemptThreadIds(): ReadonlySet<string> {
  const groups = useAttemptsStore((state) => state.groups);
  return useMemo(
    () => new Set(Object.values(groups).flatMap((g) => g.attempts.flatMap((a) => (a.threadId ? [a.threadId] : [])))),
    [groups],
  );
}
