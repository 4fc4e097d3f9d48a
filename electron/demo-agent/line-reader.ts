import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Reads typed lines from a stream. A pty in cooked mode delivers Enter as "\n", but raw
 * writes into it (or a pipe) may carry "\r" or "\r\n", so all three end a line — and a "\r\n"
 * split across two chunks must not count as two lines, or a question would see an empty answer.
 *
 * Listening starts on the first read, so a scenario that never asks leaves stdin untouched.
 */
export class LineReader {
  private readonly decoder = new StringDecoder('utf8');
  private readonly lines: string[] = [];
  private readonly waiters: Array<(line: string | null) => void> = [];
  private partial = '';
  private lastChunkEndedWithCR = false;
  private started = false;
  private ended = false;

  constructor(private readonly input: Readable) {}

  /** The next line without its terminator, or null once the input has ended. */
  readLine(): Promise<string | null> {
    this.start();
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops listening, so an in-process caller's stream is left as it was found. */
  close(): void {
    if (!this.started) return;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('close', this.onEnd);
    this.input.pause();
    this.started = false;
  }

  private start(): void {
    if (this.started || this.ended) return;
    this.started = true;
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    this.input.on('close', this.onEnd);
    this.input.resume();
  }

  private readonly onData = (chunk: Buffer | string): void => {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.lastChunkEndedWithCR && text.startsWith('\n')) text = text.slice(1);
    this.lastChunkEndedWithCR = text.endsWith('\r');
    const pieces = (this.partial + text).split(/\r\n|\r|\n/);
    this.partial = pieces.pop() ?? '';
    for (const line of pieces) this.deliver(line);
  };

  private readonly onEnd = (): void => {
    if (this.ended) return;
    this.ended = true;
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest !== '') this.deliver(rest);
    for (const waiter of this.waiters.splice(0)) waiter(null);
  };

  private deliver(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }
}
