import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../shared/wire';
import type { Result } from '../../shared/contract';
import { AckCounter } from '../../renderer/terminal/ack-counter';
import { onCleanup } from './lifecycle';
import { flowControl } from '../../shared/flow-control';

type DataListener = (threadId: string, data: string) => void;

/**
 * A window of our own on the browser host: the same WebSocket, token, Origin and JSON frames as
 * the dashboard page (shared/wire.ts), without a browser in the way.
 */
export class WireClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Result<unknown>) => void>();
  private readonly dataListeners = new Set<DataListener>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => this.receive(raw.toString()));
  }

  static async connect(port: number, token: string): Promise<WireClient> {
    const origin = `http://127.0.0.1:${port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, [`switchyard.token.${token}`], { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new WireClient(socket);
    onCleanup(() => client.close());
    return client;
  }

  async call<T>(channel: string, payload: unknown): Promise<T> {
    const id = this.nextId++;
    const frame: ClientFrame = { type: 'request', id, channel, payload };
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify(frame));
    });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  }

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /**
   * Watches threads like a window that keeps up: every chunk is acknowledged as soon as it arrives
   * (in the renderer's steps), so flow control never holds their agents back.
   */
  async watchAndAck(threadIds: readonly string[]): Promise<void> {
    const counters = new Map(
      threadIds.map((threadId) => [
        threadId,
        new AckCounter(
          (chars) => void this.call('terminal.ack', { threadId, chars }).catch(() => undefined),
          flowControl.ackStepChars,
        ),
      ]),
    );
    this.onData((threadId, data) => counters.get(threadId)?.parsed(data.length));
    for (const threadId of threadIds) await this.call('terminal.attach', { threadId });
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as ServerFrame;
    if (frame.type === 'response') {
      this.waiting.get(frame.id)?.(frame.result as Result<unknown>);
      this.waiting.delete(frame.id);
    } else if (frame.type === 'event' && frame.event === 'terminal.data') {
      const { threadId, data } = frame.payload as { threadId: string; data: string };
      for (const listener of this.dataListeners) listener(threadId, data);
    }
  }
}
