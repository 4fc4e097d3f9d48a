/** How the renderer's link to the Switchyard host is doing; drives the disconnected banner. */
export interface ConnectionState {
  /** `refused`: the host turned the access token down; only a new URL helps. */
  status: 'connecting' | 'open' | 'reconnecting' | 'refused';
  /**
   * Counts successful opens. Events sent while the link was down are lost, so when this changes
   * after the first open, everything derived from events must be fetched again.
   */
  epoch: number;
  /** Failed attempts since the link was last open. */
  failures: number;
  /** When the next attempt is due (ms since 1970), while reconnecting. */
  retryAt: number | null;
  /** The page was opened without the host's access token; the host will refuse the socket. */
  tokenMissing: boolean;
  /** Since when (ms since 1970) the link has been down without an open in between; null while open. */
  downSince: number | null;
}

/**
 * Down this long, the host is probably not coming back at this address (it restarted on another
 * port, or on another machine): the banner then says to open the address it printed.
 */
export const elsewhereHintAfterMs = 10_000;

export interface ConnectionMonitor {
  getState(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
  /** Skip the rest of the backoff wait. */
  retryNow(): void;
}

/** Electron's IPC cannot drop, so its monitor is always open. */
export const alwaysOpenConnection: ConnectionMonitor = {
  getState: () => openState,
  subscribe: () => () => {},
  retryNow: () => {},
};
const openState: ConnectionState = {
  status: 'open',
  epoch: 1,
  failures: 0,
  retryAt: null,
  tokenMissing: false,
  downSince: null,
};
