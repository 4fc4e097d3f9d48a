/** The first allocation of a ring: what a quiet thread's output needs; it doubles as output comes. */
const initialBytes = 16 * 1024;
/** Chunks up to this long are encoded into one buffer shared by all rings rather than a new one each. */
const scratchChars = 128 * 1024;
let scratch = Buffer.alloc(0);

/**
 * `data` as UTF-8, valid until the next call: a Buffer per chunk would be freed only when V8
 * collects its wrapper, and at a flood's pace thousands of them wait for that in the C heap.
 */
function encode(data: string): Buffer {
  if (data.length > scratchChars) return Buffer.from(data, 'utf8');
  if (scratch.length < data.length * 3) scratch = Buffer.allocUnsafe(scratchChars * 3);
  return scratch.subarray(0, scratch.write(data, 0, 'utf8'));
}

/**
 * The last `capacity` bytes (UTF-8) of a terminal stream, with absolute offsets (in characters, as
 * JavaScript counts them) so a viewer can replay it and then continue with live chunks without
 * gaps or repeats. For ASCII output the capacity is in characters; wider characters take more.
 *
 * Held as bytes in one buffer reused in a circle, not as the strings that came in: a flood's
 * strings then die young instead of living in the ring long enough to be promoted to V8's old
 * generation, which is what made an unwatched flood grow the host's heap by tens of MB.
 */
export class ScrollbackRing {
  private buffer: Buffer = Buffer.alloc(0);
  /** Index in `buffer` of the oldest byte held. */
  private head = 0;
  private heldBytes = 0;
  /** Characters (UTF-16 code units) the held bytes decode to. */
  private heldChars = 0;
  /** Offset of the first character still held. */
  private startOffset = 0;

  constructor(private readonly capacity: number) {}

  /** Offset just past the last character appended. */
  get end(): number {
    return this.startOffset + this.heldChars;
  }

  append(data: string): void {
    if (!data) return;
    let bytes = encode(data);
    let chars = data.length;
    const excess = this.heldBytes + bytes.length - this.capacity;
    if (excess > 0) this.dropOldest(Math.min(excess, this.heldBytes));
    if (bytes.length > this.capacity) {
      // Only the end of this chunk fits: cut at a character boundary and count what went.
      const cut = nextCharStart(bytes, bytes.length - this.capacity);
      const dropped = utf16Length(bytes, 0, cut);
      this.startOffset += dropped;
      chars -= dropped;
      bytes = bytes.subarray(cut);
    }
    this.reserve(this.heldBytes + bytes.length);
    const tail = (this.head + this.heldBytes) % this.buffer.length;
    const first = Math.min(bytes.length, this.buffer.length - tail);
    bytes.copy(this.buffer, tail, 0, first);
    bytes.copy(this.buffer, 0, first);
    this.heldBytes += bytes.length;
    this.heldChars += chars;
  }

  /** Forgets what is held (offsets go on from `end`); the buffer is kept for what comes next. */
  clear(): void {
    this.startOffset = this.end;
    this.head = 0;
    this.heldBytes = 0;
    this.heldChars = 0;
  }

  snapshot(): { data: string; end: number } {
    return { data: this.held().toString('utf8'), end: this.end };
  }

  /** The held bytes in order (a copy only when they wrap around the end of the buffer). */
  private held(): Buffer {
    const first = Math.min(this.heldBytes, this.buffer.length - this.head);
    const start = this.buffer.subarray(this.head, this.head + first);
    if (first === this.heldBytes) return start;
    return Buffer.concat([start, this.buffer.subarray(0, this.heldBytes - first)]);
  }

  /** Drops at least `count` of the oldest bytes, up to the next character boundary. */
  private dropOldest(count: number): void {
    let dropped = 0;
    let units = 0;
    const allAscii = this.heldChars === this.heldBytes;
    const at = (index: number) => this.buffer[(this.head + index) % this.buffer.length] ?? 0;
    while (dropped < this.heldBytes && (dropped < count || isContinuation(at(dropped)))) {
      if (!allAscii) units += unitsOfByte(at(dropped));
      dropped++;
    }
    if (allAscii) units = dropped;
    this.head = this.heldBytes === dropped ? 0 : (this.head + dropped) % this.buffer.length;
    this.heldBytes -= dropped;
    this.heldChars -= units;
    this.startOffset += units;
  }

  /** Makes the buffer hold `bytes` (never more than the capacity), keeping what it holds. */
  private reserve(bytes: number): void {
    if (bytes <= this.buffer.length) return;
    let size = Math.max(this.buffer.length, Math.min(initialBytes, this.capacity));
    while (size < bytes) size *= 2;
    const grown = Buffer.allocUnsafe(Math.min(size, this.capacity));
    this.held().copy(grown, 0);
    this.buffer = grown;
    this.head = 0;
  }
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** UTF-16 code units a byte starts: one per character, two for one beyond the BMP (4-byte sequences). */
function unitsOfByte(byte: number): number {
  if (isContinuation(byte)) return 0;
  return byte >= 0xf0 ? 2 : 1;
}

function nextCharStart(bytes: Buffer, from: number): number {
  let index = from;
  while (index < bytes.length && isContinuation(bytes[index] ?? 0)) index++;
  return index;
}

function utf16Length(bytes: Buffer, from: number, to: number): number {
  let units = 0;
  for (let index = from; index < to; index++) units += unitsOfByte(bytes[index] ?? 0);
  return units;
}
