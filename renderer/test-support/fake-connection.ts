import type { ConnectionMonitor, ConnectionState } from '../transport/connection-state';

/** A connection monitor for unit tests: the link's state is set by hand and reported to subscribers. */
export class FakeConnection implements ConnectionMonitor {
  private state: ConnectionState = {
    status: 'open',
    epoch: 1,
    failures: 0,
    retryAt: null,
    tokenMissing: false,
    downSince: null,
  };
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  getState(): ConnectionState {
    return this.state;
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  retryNow(): void {}

  /** The link drops, then opens again: a new epoch, as after a reconnect. */
  reconnect(): void {
    this.set({ status: 'reconnecting', failures: 1 });
    this.set({ status: 'open', epoch: this.state.epoch + 1, failures: 0 });
  }

  set(change: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  listenerCount(): number {
    return this.listeners.size;
  }
}
