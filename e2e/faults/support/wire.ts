import WebSocket from 'ws';
import type { ServeProcess } from './serve-process';

export interface WireResult {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string };
}

/**
 * A window of our own on a running host: the page's WebSocket, token and Origin, speaking raw
 * frames so a test can also send what no page would.
 */
export class Wire {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: WireResult) => void>();
  readonly frames: unknown[] = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => this.receive(raw.toString()));
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  static async open(host: Pick<ServeProcess, 'port' | 'token'>): Promise<Wire> {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, [`switchyard.token.${host.token}`], {
      origin: `http://127.0.0.1:${host.port}`,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Wire(socket);
  }

  /** Sends a request and waits for its answer (which may be an error result: that is an answer too). */
  request(channel: string, payload: unknown = {}, timeoutMs = 30_000): Promise<WireResult> {
    const id = this.nextId++;
    return new Promise<WireResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${channel}: no answer in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
    });
  }

  /** Like request, but a failed result throws with the host's message. */
  async call<T>(channel: string, payload: unknown = {}): Promise<T> {
    const result = await this.request(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'failed'}`);
    return result.value as T;
  }

  /** Sends requests without waiting: what a misbehaving client does. */
  fire(channel: string, payload: unknown = {}): void {
    this.socket.send(JSON.stringify({ type: 'request', id: this.nextId++, channel, payload }));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(text: string): void {
    let frame: { type?: string; id?: number; result?: WireResult };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'response' && typeof frame.id === 'number' && frame.result) {
      this.waiting.get(frame.id)?.(frame.result);
      this.waiting.delete(frame.id);
      return;
    }
    if (this.frames.length < 10_000) this.frames.push(frame);
  }
}
