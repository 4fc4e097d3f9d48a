import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const pasteStart = '\x1b[200~';
const pasteEnd = '\x1b[201~';

/**
 * Reads typed lines from a stream. A pty in cooked mode delivers Enter as "\n", but raw
 * writes into it (or a pipe) may carry "\r" or "\r\n", so all three end a line — and a "\r\n"
 * split across two chunks must not count as two lines, or a question would see an empty answer.
 *
 * A bracketed paste (ESC[200~ … ESC[201~, sent by a terminal — or Switchyard — once the program
 * turned the mode on) is one piece of a line: its newlines are kept, so a multi-line message read
 * with readLine arrives whole.
 *
 * Listening starts on the first read, so a scenario that never asks leaves stdin untouched.
 */
export class LineReader {
  private readonly decoder = new StringDecoder('utf8');
  private readonly lines: string[] = [];
  private readonly waiters: Array<(line: string | null) => void> = [];
  private partial = '';
  private lastWasCR = false;
  /** Inside a bracketed paste: line ends are part of the text. */
  private pasting = false;
  /** The start of an escape sequence cut off at the end of a chunk. */
  private held = '';
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
    const text = this.held + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    this.held = '';
    let i = 0;
    while (i < text.length) {
      const char = text[i] ?? '';
      if (char === '\x1b') {
        const rest = text.slice(i, i + pasteStart.length);
        if (rest === pasteStart || rest === pasteEnd) {
          this.pasting = rest === pasteStart;
          i += rest.length;
          continue;
        }
        // A marker split across two chunks: wait for the rest of it.
        if (rest.length < pasteStart.length && (pasteStart.startsWith(rest) || pasteEnd.startsWith(rest))) {
          this.held = rest;
          return;
        }
      }
      i += 1;
      if (this.pasting || (char !== '\r' && char !== '\n')) {
        this.partial += char;
        this.lastWasCR = false;
        continue;
      }
      // "\r\n" is one line end, even split across two chunks.
      if (char === '\n' && this.lastWasCR) {
        this.lastWasCR = false;
        continue;
      }
      this.lastWasCR = char === '\r';
      this.deliver(this.partial.replace(/\r\n?/g, '\n'));
      this.partial = '';
    }
  };

  private readonly onEnd = (): void => {
    if (this.ended) return;
    this.ended = true;
    const rest = this.partial + this.held + this.decoder.end();
    this.held = '';
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
