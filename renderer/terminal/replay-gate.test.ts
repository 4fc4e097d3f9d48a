import { describe, expect, it } from 'vitest';
import { ReplayGate } from './replay-gate';

function gate() {
  const written: string[] = [];
  const settled: number[] = [];
  const g = new ReplayGate((data, liveChars) => {
    if (data) written.push(data);
    if (liveChars) settled.push(liveChars);
  });
  return { gate: g, written, settled };
}

describe('ReplayGate', () => {
  it('holds live chunks until the replay arrives, then drops those the replay already contains', () => {
    const { gate: g, written } = gate();
    g.push({ start: 0, data: 'hello ' }); // arrives before the replay answer, already in it
    g.push({ start: 6, data: 'world' }); // arrives before the replay answer, not in it
    expect(written).toEqual([]);
    g.applyReplay('hello ', 6);
    expect(written).toEqual(['hello ', 'world']);
  });

  it('writes only chunks at or past the end once replayed', () => {
    const { gate: g, written } = gate();
    g.applyReplay('abc', 3);
    g.push({ start: 0, data: 'abc' });
    g.push({ start: 3, data: 'def' });
    g.push({ start: 3, data: 'def' }); // duplicate delivery
    g.push({ start: 6, data: 'g' });
    expect(written).toEqual(['abc', 'def', 'g']);
  });

  it('counts every live chunk as settled, shown or skipped, and never the replay', () => {
    const { gate: g, settled } = gate();
    g.push({ start: 0, data: 'hello ' });
    g.applyReplay('hello ', 6);
    g.push({ start: 6, data: 'world' });
    g.push({ start: 4, data: 'o world!' });
    expect(settled).toEqual([6, 5, 8]);
  });

  it('writes only the new tail of a chunk that straddles the end', () => {
    const { gate: g, written } = gate();
    g.applyReplay('abcd', 4);
    g.push({ start: 2, data: 'cdef' });
    expect(written).toEqual(['abcd', 'ef']);
  });

  it('keeps going after a gap rather than stalling', () => {
    const { gate: g, written } = gate();
    g.applyReplay('', 0);
    g.push({ start: 10, data: 'later' });
    g.push({ start: 15, data: '!' });
    expect(written).toEqual(['later', '!']);
  });

  it('does not write an empty replay', () => {
    const { gate: g, written } = gate();
    g.applyReplay('', 42);
    expect(written).toEqual([]);
    expect(g.replayed).toBe(true);
  });
});
