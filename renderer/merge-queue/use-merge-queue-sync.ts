import { useEffect } from 'react';
import type { SwitchyardBridge } from '../../shared/contract';
import { getBridge, getConnection } from '../transport/bridge';
import { onReconnect } from '../transport/on-reconnect';
import type { ConnectionMonitor } from '../transport/connection-state';
import { useMergeQueueStore } from './merge-queue-store';

/**
 * Follows `projectId`'s queue: loads it, applies the host's pushed updates and landing output, and
 * loads it again after a reconnect (updates sent while the link was down are gone). Returns the stop.
 */
export function followMergeQueue(
  bridge: SwitchyardBridge,
  connection: ConnectionMonitor,
  projectId: string,
): () => void {
  const store = () => useMergeQueueStore.getState();
  store().show(projectId);
  let stopped = false;

  const load = () =>
    void bridge.invoke('mergeQueue.get', { projectId }).then((result) => {
      if (stopped) return;
      if (result.ok) store().applyView(result.value);
      else store().patch(projectId, { error: result.error });
    });

  load();
  const unsubscribers = [
    onReconnect(connection, load),
    bridge.on('mergeQueue.updated', (view) => store().applyView(view)),
    bridge.on('mergeQueue.output', (chunk) => store().appendOutput(chunk)),
    bridge.on('mergeQueue.progress', (progress) => store().applyProgress(progress)),
  ];
  return () => {
    stopped = true;
    unsubscribers.forEach((unsubscribe) => unsubscribe());
  };
}

/** Keeps the store on `projectId`'s queue while the calling view is shown. */
export function useMergeQueueSync(projectId: string): void {
  useEffect(() => followMergeQueue(getBridge(), getConnection(), projectId), [projectId]);
}
