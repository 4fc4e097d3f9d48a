import type { ConnectionMonitor } from './connection-state';

/**
 * Calls `reload` each time the connection comes back (a new epoch): events sent while it was down
 * were missed, so a view that follows events must read its state again. Returns the unsubscribe.
 */
export function onReconnect(connection: ConnectionMonitor, reload: () => void): () => void {
  let seenEpoch = connection.getState().epoch;
  return connection.subscribe((state) => {
    if (state.epoch === seenEpoch) return;
    seenEpoch = state.epoch;
    reload();
  });
}
