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
    while (this.size > this.capacity && this.chunks.length > 1) {
      const dropped = this.chunks.shift() ?? '';
      this.size -= dropped.length;
      this.startOffset += dropped.length;
    }
    if (this.size > this.capacity) {
      const only = this.chunks[0] ?? '';
      const cut = only.length - this.capacity;
      this.chunks[0] = only.slice(cut);
      this.size -= cut;
      this.startOffset += cut;
    }
  }

  snapshot(): { data: string; end: number } {
    const data = this.chunks.join('');
    this.chunks = data ? [data] : [];
    return { data, end: this.end };
  }
}
