import type { EventChannel, EventOf } from '../../shared/contract';

/**
 * One connected window (an Electron window or a browser tab): where replies to its requests and
 * the events meant only for it (its terminals' output) go.
 */
export interface ClientLink {
  readonly id: string;
  send<E extends EventChannel>(event: E, payload: EventOf<E>): void;
  /**
   * Bytes handed to `send` that have not left this process yet (a WebSocket's bufferedAmount);
   * absent where sending never queues here (Electron IPC). Terminal flow control holds a thread's
   * output while this is high, whatever the window acknowledges.
   */
  queuedBytes?(): number;
}

/** For calls that come from no window (CLI start-up, tests): events sent to it go nowhere. */
export const detachedClient: ClientLink = { id: 'detached', send: () => undefined };
