/**
 * The last `capacity` characters of a terminal stream, with absolute offsets so a viewer can
 * replay it and then continue with live chunks without gaps or repeats.
 */
export class ScrollbackRing {
  private chunks: string[] = [];
  private size = 0;
  /** Offset of the first character still held. */
  private startOffset = 0;

  constructor(private readonly capacity = 1_000_000) {}

  /** Offset just past the last character appended. */
  get end(): number {
    return this.startOffset + this.size;
  }

  append(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0] ?? '';
      const excess = this.size - this.capacity;
      if (excess >= first.length) {
        this.chunks.shift();
        this.size -= first.length;
        this.startOffset += first.length;
      } else {
        this.chunks[0] = first.slice(excess);
        this.size -= excess;
        this.startOffset += excess;
      }
    }
  }

  snapshot(): { data: string; end: number } {
    const data = this.chunks.join('');
    this.chunks = data ? [data] : [];
    return { data, end: this.end };
  }
}
