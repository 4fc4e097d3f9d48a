import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../transport/connection-state';
import { getConnection } from '../transport/bridge';

const subscribe = (listener: () => void) => getConnection().subscribe(listener);
const getSnapshot = () => getConnection().getState();

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribe, getSnapshot);
}
