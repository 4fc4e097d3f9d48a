import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * The Chrome DevTools Protocol over --remote-debugging-pipe (fd 3 in, fd 4 out; each message is
 * JSON ended by a NUL byte). Commands and their answers; events only where someone listens for
 * one by name (tracing's end), since no domain is enabled that would stream page events back.
 */
export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';
  private readonly listeners = new Map<string, (params: unknown) => void>();

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    const closed = () => this.failAll(new Error('Chromium closed the DevTools pipe'));
    output.on('close', closed);
    // Chromium going away (killed at the end, or crashed) resets the pipe: a failed command, not a crash.
    output.on('error', closed);
    input.on('error', closed);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (result) => resolve(result as T), reject });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** The next event called `method` (of any session). */
  once<T>(method: string): Promise<T> {
    return new Promise<T>((resolve) => {
      this.listeners.set(method, (params) => {
        this.listeners.delete(method);
        resolve(params as T);
      });
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end = this.buffered.indexOf('\0');
    while (end !== -1) {
      const message = JSON.parse(this.buffered.slice(0, end)) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
        error?: { message: string };
      };
      this.buffered = this.buffered.slice(end + 1);
      end = this.buffered.indexOf('\0');
      if (message.method !== undefined) this.listeners.get(message.method)?.(message.params);
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) continue;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
