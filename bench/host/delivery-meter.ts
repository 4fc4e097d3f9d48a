import type { Dispatch } from '../../electron/api/request-router';
import type { ClientLink } from '../../electron/api/client-link';
import type { Delivery } from './host-protocol';

interface ThreadCount {
  sent: number;
  acked: number;
  dataMessages: number;
  ackMessages: number;
  /** The last characters sent, to spot a marker split across two messages. */
  tail: string;
  marker: string | null;
  markerSentAt: number | null;
  startedAt: number;
  done: ((delivery: Delivery) => void) | null;
}

/** Long enough for 200 MB at well under 1 MB/s; a stalled pipeline fails instead of hanging. */
const deliveryTimeoutMs = 10 * 60_000;

/**
 * Watches the app's dispatch from the browser host's side: counts the terminal output each window
 * is sent and the characters its xterm acknowledges, so a benchmark knows when the browser has
 * *parsed* everything (not merely received it).
 */
export class DeliveryMeter {
  private readonly threads = new Map<string, ThreadCount>();

  /** `dispatch` with every attaching window's link wrapped in a counting one. */
  wrap(dispatch: Dispatch): Dispatch {
    return (channel, payload, client) => {
      if (channel === 'terminal.ack' && client) this.acked(payload);
      const link = channel === 'terminal.attach' && client ? this.counting(client) : client;
      return dispatch(channel, payload, link);
    };
  }

  /** Resolves when output through `marker` has been sent and all of it acknowledged. */
  expect(threadId: string, marker: string): Promise<Delivery> {
    const count = this.countFor(threadId);
    Object.assign(count, { sent: 0, acked: 0, dataMessages: 0, ackMessages: 0, tail: '', marker, markerSentAt: null });
    count.startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        count.done = null;
        const where = count.markerSentAt === null ? 'the marker was never sent' : 'the marker was sent';
        reject(new Error(`stalled: ${count.sent} chars sent, ${count.acked} acknowledged; ${where}`));
      }, deliveryTimeoutMs);
      count.done = (delivery) => {
        clearTimeout(timer);
        resolve(delivery);
      };
    });
  }

  private counting(client: ClientLink): ClientLink {
    return {
      id: client.id,
      send: (event, payload) => {
        if (event === 'terminal.data') {
          const { threadId, data } = payload as { threadId: string; data: string };
          const count = this.countFor(threadId);
          count.sent += data.length;
          count.dataMessages += 1;
          count.tail = (count.tail + data).slice(-256);
          if (count.marker && count.markerSentAt === null && count.tail.includes(count.marker)) {
            count.markerSentAt = performance.now();
          }
        }
        client.send(event, payload);
      },
    };
  }

  private acked(payload: unknown): void {
    const { threadId, chars } = payload as { threadId?: unknown; chars?: unknown };
    if (typeof threadId !== 'string' || typeof chars !== 'number') return;
    const count = this.countFor(threadId);
    count.acked += chars;
    count.ackMessages += 1;
    if (count.done && count.markerSentAt !== null && count.acked >= count.sent) {
      const now = performance.now();
      count.done({
        chars: count.sent,
        ms: now - count.startedAt,
        sentMs: count.markerSentAt - count.startedAt,
        dataMessages: count.dataMessages,
        ackMessages: count.ackMessages,
      });
      count.done = null;
    }
  }

  private countFor(threadId: string): ThreadCount {
    let count = this.threads.get(threadId);
    if (!count) {
      count = {
        sent: 0,
        acked: 0,
        dataMessages: 0,
        ackMessages: 0,
        tail: '',
        marker: null,
        markerSentAt: null,
        startedAt: 0,
        done: null,
      };
      this.threads.set(threadId, count);
    }
    return count;
  }
}
