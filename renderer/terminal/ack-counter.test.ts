import { describe, expect, it } from 'vitest';
import { AckCounter } from './ack-counter';

describe('AckCounter', () => {
  it('acknowledges in steps no larger than the step size, and flushes the rest', () => {
    const sent: number[] = [];
    const acks = new AckCounter((n) => sent.push(n), 5000);
    acks.parsed(3000);
    expect(sent).toEqual([]);
    acks.parsed(13_000);
    expect(sent).toEqual([5000, 5000, 5000]);
    acks.flush();
    expect(sent).toEqual([5000, 5000, 5000, 1000]);
    acks.flush();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(16_000);
  });
});
