import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoundedOutput, notShownMarker } from './bounded-output';

const limits = { batchMs: 16, maxEventBytes: 10, pendingBytes: 30, keptBytes: 20 } as const;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a verification run’s bounded output', () => {
  it('batches writes into one event per interval, of at most maxEventBytes', () => {
    const sent: string[] = [];
    const output = new BoundedOutput((text) => sent.push(text), limits);
    output.write(Buffer.from('abc'));
    output.write(Buffer.from('defghijklmno'));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['abcdefghij']);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['abcdefghij', 'klmno']);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
  });

  it('drops the middle of a flood with a marker and keeps the last keptBytes, complete', () => {
    const sent: string[] = [];
    const output = new BoundedOutput((text) => sent.push(text), limits);
    const written = Array.from({ length: 100 }, (_, i) => `${i % 10}`).join('');
    for (let i = 0; i < written.length; i += 5) output.write(Buffer.from(written.slice(i, i + 5)));
    output.close();
    // Only the last pendingBytes were still waiting when the flood ended.
    expect(sent.join('')).toBe(notShownMarker(70) + written.slice(70));
    expect(output.kept()).toEqual({ text: written.slice(-20), truncated: true });
    output.write(Buffer.from('after close'));
    expect(output.kept().text).toBe(written.slice(-20));
  });

  it('never cuts a character in two where it drops, and decodes characters split across writes', () => {
    const sent: string[] = [];
    const output = new BoundedOutput((text) => sent.push(text), limits);
    const euro = Buffer.from('€'); // 3 bytes
    output.write(euro.subarray(0, 1));
    vi.advanceTimersByTime(16);
    output.write(euro.subarray(1));
    vi.advanceTimersByTime(16);
    expect(sent.join('')).toBe('€');
    // 34 bytes pending: the oldest 4 would cut the second euro, so the rest of it goes too.
    output.write(Buffer.from(`${'€'.repeat(11)}x`));
    output.close();
    expect(sent.slice(1).join('')).toBe(`${notShownMarker(6)}${'€'.repeat(9)}x`);
    // The kept tail starts on a character too (the last 20 bytes start inside a euro).
    expect(output.kept().text).toBe(`${'€'.repeat(6)}x`);
  });
});
