import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher';
import { ScrollbackRing } from './scrollback-ring';

afterEach(() => vi.useRealTimers());

describe('OutputBatcher', () => {
  /** A batcher on a clock the test moves together with the fake timers. */
  function clockedBatcher(flushed: string[], maxChars = 1_000) {
    vi.useFakeTimers();
    let now = 1_000;
    const batcher = new OutputBatcher(
      (d) => flushed.push(d),
      16,
      maxChars,
      () => now,
    );
    const advance = (ms: number) => {
      now += ms;
      vi.advanceTimersByTime(ms);
    };
    return { batcher, advance };
  }

  it('sends output after a quiet spell at once, then joins what follows within 16 ms, in order', () => {
    const flushed: string[] = [];
    const { batcher, advance } = clockedBatcher(flushed);
    batcher.push('a');
    expect(flushed).toEqual(['a']);
    batcher.push('b');
    batcher.push('c');
    expect(flushed).toEqual(['a']);
    advance(15);
    expect(flushed).toEqual(['a']);
    advance(1);
    expect(flushed).toEqual(['a', 'bc']);
    // A steady stream keeps to one message per interval.
    batcher.push('d');
    advance(8);
    batcher.push('e');
    expect(flushed).toEqual(['a', 'bc']);
    advance(8);
    expect(flushed).toEqual(['a', 'bc', 'de']);
    // Quiet again: the next keystroke's echo is not held back.
    advance(100);
    batcher.push('f');
    expect(flushed).toEqual(['a', 'bc', 'de', 'f']);
  });

  it('flushes at once when the size cap is reached', () => {
    const flushed: string[] = [];
    const { batcher } = clockedBatcher(flushed, 9);
    batcher.push('1');
    batcher.push('2345');
    batcher.push('67890');
    expect(flushed).toEqual(['1', '234567890']);
    batcher.push('x');
    batcher.flush();
    expect(flushed).toEqual(['1', '234567890', 'x']);
  });
});

describe('ScrollbackRing', () => {
  it('keeps the last characters with absolute offsets', () => {
    const ring = new ScrollbackRing(10);
    ring.append('hello ');
    ring.append('world, ');
    ring.append('again');
    const { data, end } = ring.snapshot();
    expect(end).toBe(18);
    expect(data).toBe('rld, again');
    expect(data.length).toBe(10);
  });

  it('cuts a single oversized chunk to capacity', () => {
    const ring = new ScrollbackRing(4);
    ring.append('abcdefgh');
    expect(ring.snapshot()).toEqual({ data: 'efgh', end: 8 });
  });

  it('keeps offsets in characters across wide characters, wrap-arounds and growth', () => {
    const capacity = 200_000;
    const ring = new ScrollbackRing(capacity);
    let all = '';
    const pieces = ['a'.repeat(70_000), 'é€😀x'.repeat(5_000), 'plain\r\n'.repeat(9_000), '😀'.repeat(30_001), 'ok'];
    for (let round = 0; round < 3; round++) {
      for (const piece of pieces) {
        ring.append(piece);
        all += piece;
        const { data, end } = ring.snapshot();
        expect(end).toBe(all.length);
        expect(all.endsWith(data)).toBe(true);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(capacity);
        // Nearly full: at most one character short of the capacity.
        expect(Buffer.byteLength(data)).toBeGreaterThan(Math.min(Buffer.byteLength(all), capacity) - 4);
      }
    }
  });
});
