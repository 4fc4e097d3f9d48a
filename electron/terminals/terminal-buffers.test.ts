import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher';
import { ScrollbackRing } from './scrollback-ring';

afterEach(() => vi.useRealTimers());

describe('OutputBatcher', () => {
  it('joins chunks within 16 ms into one flush, in order', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d));
    batcher.push('a');
    batcher.push('b');
    batcher.push('c');
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(flushed).toEqual(['abc']);
  });

  it('flushes at once when the size cap is reached', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 16, 10);
    batcher.push('12345');
    batcher.push('67890');
    expect(flushed).toEqual(['1234567890']);
    batcher.push('x');
    batcher.flush();
    expect(flushed).toEqual(['1234567890', 'x']);
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
});
