import { StringDecoder } from 'node:string_decoder';
import { keptOutputChars } from '../../shared/limits';

/**
 * How much of a verification command's output the host holds and sends. A command can write far
 * faster than any window can show (`yes` writes gigabytes a second) and the output events are
 * fire-and-forget, so the source is what bounds them: the command is never slowed down, the
 * windows get a paced stream, and the host holds a fixed amount per run whatever the command does.
 */
export const verificationOutputLimits = {
  /** Output goes out as one event at most this often (a frame)… */
  batchMs: 16,
  /** …of at most this many bytes: about 500 KiB/s per run, more than a pane can usefully show. */
  maxEventBytes: 8 * 1024,
  /**
   * Read but not yet sent. When the command outpaces the stream, the oldest pending bytes are
   * dropped and the stream says so ("[… N bytes not shown …]"): the windows see the start, a
   * marker for the middle, and the end.
   */
  pendingBytes: 64 * 1024,
  /**
   * The command's output is read at most this fast (the pipes are paused for the rest of each
   * tenth of a second beyond it): far more than a test suite writes, yet a flood like `yes` costs
   * the host a little CPU instead of a core; the command just waits on its full pipe meanwhile.
   */
  maxReadBytesPerSecond: 32 * 1024 * 1024,
  /** The last part of the output kept per run: shown once it ended, recorded with its result. */
  keptBytes: keptOutputChars,
} as const;

type OutputLimits = Record<'batchMs' | 'maxEventBytes' | 'pendingBytes' | 'keptBytes', number>;

/** True for a UTF-8 continuation byte (the middle of a character). */
function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** Bytes held as the chunks they came in, bounded by dropping from the front. */
class ChunkQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Drops `count` bytes from the front, then any partial character left there; returns how many went. */
  dropFront(count: number): number {
    let dropped = 0;
    while (dropped < count && this.chunks.length > 0) {
      const first = this.chunks[0] as Buffer;
      const take = Math.min(first.length, count - dropped);
      if (take === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
      dropped += take;
    }
    // A character is at most 4 bytes: at most 3 continuation bytes can be left of one cut in two.
    for (let skipped = 0; skipped < 3; skipped++) {
      const first = this.chunks[0];
      if (!first || !isContinuation(first[0] as number)) break;
      if (first.length === 1) this.chunks.shift();
      else this.chunks[0] = first.subarray(1);
      dropped++;
    }
    this.length -= dropped;
    return dropped;
  }

  /** Takes up to `count` bytes from the front. */
  take(count: number): Buffer {
    const parts: Buffer[] = [];
    let taken = 0;
    while (taken < count && this.chunks.length > 0) {
      const first = this.chunks[0] as Buffer;
      const take = Math.min(first.length, count - taken);
      parts.push(first.subarray(0, take));
      if (take === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
      taken += take;
    }
    this.length -= taken;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  all(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The marker that stands for output left out of the stream. */
export function notShownMarker(bytes: number): string {
  return `\n[… ${bytes} bytes not shown …]\n`;
}

/**
 * A run's output as the host holds it: the kept tail (complete, the last `keptBytes`) and the
 * paced live stream (batched, at most `maxEventBytes` an event, the middle dropped with a marker
 * when the command outpaces it). Memory stays at about `keptBytes + pendingBytes` whatever is written.
 */
export class BoundedOutput {
  private readonly tail = new ChunkQueue();
  private readonly pending = new ChunkQueue();
  private decoder = new StringDecoder('utf8');
  private notShown = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Bytes the command wrote in all. */
  total = 0;

  constructor(
    private readonly send: (text: string) => void,
    private readonly limits: OutputLimits = verificationOutputLimits,
  ) {}

  write(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    this.total += chunk.length;
    this.tail.push(chunk);
    if (this.tail.length > this.limits.keptBytes) this.tail.dropFront(this.tail.length - this.limits.keptBytes);
    this.pending.push(chunk);
    if (this.pending.length > this.limits.pendingBytes) {
      this.notShown += this.pending.dropFront(this.pending.length - this.limits.pendingBytes);
      // Whatever part of a character the decoder held belongs to the dropped bytes.
      this.decoder = new StringDecoder('utf8');
    }
    this.timer ??= setTimeout(() => this.tick(), this.limits.batchMs);
  }

  /** A note of the host's own (a timeout, a failure to start): kept and sent like output. */
  note(text: string): void {
    this.write(Buffer.from(text, 'utf8'));
  }

  /** The kept tail, and whether anything before it was cut. */
  kept(): { text: string; truncated: boolean } {
    return { text: this.tail.all().toString('utf8'), truncated: this.total > this.tail.length };
  }

  /** Sends everything still pending (bounded by `pendingBytes`) and stops the stream. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.length > 0 || this.notShown > 0) this.sendOne();
    const rest = this.decoder.end();
    if (rest) this.send(rest);
    this.closed = true;
  }

  private tick(): void {
    this.timer = null;
    this.sendOne();
    if (this.pending.length > 0) this.timer = setTimeout(() => this.tick(), this.limits.batchMs);
  }

  private sendOne(): void {
    let text = '';
    if (this.notShown > 0) {
      text = notShownMarker(this.notShown);
      this.notShown = 0;
    }
    if (this.pending.length > 0) text += this.decoder.write(this.pending.take(this.limits.maxEventBytes));
    if (text) this.send(text);
  }
}
