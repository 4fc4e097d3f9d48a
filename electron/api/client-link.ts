import type { EventChannel, EventOf } from '../../shared/contract';
import type { TerminalViewer } from '../terminals/terminal-viewer';

/**
 * One connected window (an Electron window or a browser tab): where replies to its requests and
 * the events meant only for it (its terminals' output) go. The terminals see it as a viewer.
 */
export interface ClientLink extends TerminalViewer {
  send<E extends EventChannel>(event: E, payload: EventOf<E>): void;
}

/** For calls that come from no window (CLI start-up, tests): events sent to it go nowhere. */
export const detachedClient: ClientLink = { id: 'detached', send: () => undefined };
