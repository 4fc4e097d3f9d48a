import type { WebSocket } from 'ws';
import type { Result } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  maxBufferedBytesPerConnection,
  maxQueuedRequestsPerConnection,
  maxRunningRequestsPerConnection,
} from '../../shared/limits';
import { ClientFrameSchema, slowConsumerCloseCode, type ClientFrame, type ServerFrame } from '../../shared/wire';
import type { ClientLink } from '../api/client-link';
import { forwardToWindow } from '../api/window-events';
import type { SwitchyardApp } from '../app/switchyard-app';
import type { IncidentLog } from './incident-log';

/**
 * One browser tab's WebSocket: runs its requests under a per-connection budget, sends its events,
 * and answers anything malformed with an error frame. Nothing a tab sends can throw out of here.
 */
export class ClientConnection {
  private running = 0;
  private readonly queued: ClientFrame[] = [];
  private closed = false;
  private readonly link: ClientLink;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly app: SwitchyardApp,
    id: string,
    private readonly incident: IncidentLog,
  ) {
    // Broadcast events reach every tab; a terminal's output reaches only the tabs attached to it.
    const link: ClientLink & { queuedBytes(): number } = {
      id,
      send: (event, payload) => this.send({ type: 'event', event, payload }),
      // Terminal flow control holds a thread's output while this is high, well before the cap.
      queuedBytes: () => this.ws.bufferedAmount,
    };
    this.link = link;
    this.unsubscribe = forwardToWindow(app.events, this.link);
    ws.on('message', (raw, isBinary) => {
      try {
        this.receive(raw, isBinary);
      } catch (error) {
        this.incident('unexpected error', `handling a frame: ${describe(error)}`);
      }
    });
    ws.on('close', () => this.shutDown());
    ws.on('error', (error) => {
      this.incident('socket error', error.message);
      this.shutDown();
    });
  }

  private receive(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closed) return;
    if (isBinary) {
      this.refuse(null, 'Binary frames are not accepted: send JSON text.');
      return;
    }
    const text = Array.isArray(raw) ? Buffer.concat(raw).toString() : Buffer.from(raw as ArrayBuffer).toString();
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      this.refuse(null, 'The frame is not JSON.');
      return;
    }
    const parsed = ClientFrameSchema.safeParse(frame);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(frame)'}: ${i.message}`).join('; ');
      this.refuse(readableId(frame), `The frame is not a request — ${issues}`);
      return;
    }
    if (this.running < maxRunningRequestsPerConnection) {
      this.run(parsed.data);
    } else if (this.queued.length < maxQueuedRequestsPerConnection) {
      this.queued.push(parsed.data);
    } else {
      const busy = new AppError(
        'busy',
        `Too many requests at once from this window (${maxRunningRequestsPerConnection} running, ` +
          `${maxQueuedRequestsPerConnection} waiting): ${parsed.data.channel} was not run. Try again.`,
      );
      this.send({ type: 'response', id: parsed.data.id, result: { ok: false, error: busy.toWire() } });
    }
  }

  private run(frame: ClientFrame): void {
    this.running++;
    let answer: Promise<Result<unknown>>;
    try {
      answer = this.app.dispatch(frame.channel, frame.payload, this.link);
    } catch (error) {
      answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    void answer
      .catch((error: unknown): Result<unknown> => {
        // The request router turns every failure into a Result; this is only a backstop.
        this.incident('unexpected error', `${frame.channel}: ${describe(error)}`);
        return { ok: false, error: { kind: 'internal', message: `${frame.channel} failed unexpectedly` } };
      })
      .then((result) => {
        this.running--;
        this.send({ type: 'response', id: frame.id, result });
        this.startQueued();
      });
  }

  private startQueued(): void {
    while (!this.closed && this.running < maxRunningRequestsPerConnection && this.queued.length > 0) {
      this.run(this.queued.shift()!);
    }
  }

  private refuse(id: number | null, message: string): void {
    this.send({ type: 'error', id, error: { kind: 'invalid-request', message } });
  }

  private send(frame: ServerFrame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      this.incident('unexpected error', `a ${frame.type} frame could not be encoded: ${describe(error)}`);
      return;
    }
    const buffered = this.ws.bufferedAmount;
    // A frame alone may exceed the cap (a large diff): it goes out when nothing else is waiting.
    if (buffered > 0 && buffered + Buffer.byteLength(text) > maxBufferedBytesPerConnection) {
      this.incident(
        'slow tabs closed',
        `${this.link.id} left over ${Math.round(maxBufferedBytesPerConnection / 1024 / 1024)} MB unread; closed so it reconnects`,
      );
      // The close frame queues behind what is buffered; ws destroys the socket if the tab never
      // answers it (its closeTimeout), so at most this much stays held, and not for long.
      this.ws.close(slowConsumerCloseCode, 'too much unread output');
      this.shutDown();
      return;
    }
    this.ws.send(text);
  }

  /** The tab went away (or was dropped): its waiting requests are not run; running ones finish unseen. */
  private shutDown(): void {
    if (this.closed) return;
    this.closed = true;
    this.queued.length = 0;
    this.unsubscribe();
    this.app.disconnect(this.link);
  }
}

function readableId(frame: unknown): number | null {
  if (typeof frame !== 'object' || frame === null || !('id' in frame)) return null;
  const id = (frame as { id: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
