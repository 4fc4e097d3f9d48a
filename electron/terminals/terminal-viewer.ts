import type { EventOf } from '../../shared/contract';

/**
 * A window showing a thread's terminal, as the terminal sees it: where its output goes, and how
 * much of that is still waiting to leave this process. The request API's ClientLink (one per
 * Electron window or browser tab, electron/api/client-link.ts) is one.
 */
export interface TerminalViewer {
  readonly id: string;
  send(event: 'terminal.data', payload: EventOf<'terminal.data'>): void;
  /**
   * Bytes handed to `send` that have not left this process yet (a WebSocket's bufferedAmount);
   * absent where sending never queues here (Electron IPC). Terminal flow control holds a thread's
   * output while this is high, whatever the window acknowledges.
   */
  queuedBytes?(): number;
}
