import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientLink } from '../api/client-link';
import { TerminalStream } from './terminal-stream';

afterEach(() => vi.useRealTimers());

function viewer(id: string) {
  const chunks: Array<{ start: number; data: string }> = [];
  const link: ClientLink = {
    id,
    send: (_event, payload) => chunks.push(payload as { start: number; data: string }),
  };
  return { link, chunks, text: () => chunks.map((c) => c.data).join('') };
}

function producer() {
  const calls: string[] = [];
  return { calls, target: { pause: () => calls.push('pause'), resume: () => calls.push('resume') } };
}

describe('TerminalStream', () => {
  it('sends output only to attached viewers, each chunk with its stream offset', () => {
    const stream = new TerminalStream('t1', null);
    stream.push('before ');
    const a = viewer('a');
    expect(stream.attach(a.link)).toEqual({ data: 'before ', end: 7 });
    stream.push('after');
    stream.flush();
    expect(a.chunks).toEqual([{ threadId: 't1', start: 7, data: 'after' }]);
    stream.detach('a');
    stream.push('!');
    stream.flush();
    expect(a.chunks).toHaveLength(1);
  });

  it('pauses the producer above the high watermark and resumes at the low one', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    const a = viewer('a');
    stream.attach(a.link);
    stream.push('x'.repeat(80));
    stream.flush();
    expect(calls).toEqual([]);
    stream.push('x'.repeat(30));
    stream.flush();
    expect(calls).toEqual(['pause']);
    expect(stream.isPaused).toBe(true);
    stream.ack('a', 50); // 60 behind: still above low
    expect(calls).toEqual(['pause']);
    stream.ack('a', 50); // 10 behind
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('waits for the slowest viewer, and a viewer that leaves no longer holds it back', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.attach(viewer('fast').link);
    stream.attach(viewer('slow').link);
    stream.push('y'.repeat(150));
    stream.flush();
    stream.ack('fast', 150);
    expect(calls).toEqual(['pause']);
    stream.detach('slow');
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('never pauses with nobody watching (the ring and the log absorb it)', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 10, lowWatermark: 1, scrollbackChars: 50 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.push('z'.repeat(1000));
    stream.flush();
    expect(calls).toEqual([]);
    expect(stream.attach(viewer('late').link)).toEqual({ data: 'z'.repeat(50), end: 1000 });
  });

  it('sends the first output at once and batches what follows within 16 ms into one message', () => {
    vi.useFakeTimers();
    const stream = new TerminalStream('t1', null);
    const a = viewer('a');
    stream.attach(a.link);
    stream.push('>');
    expect(a.chunks).toHaveLength(1);
    stream.push('a');
    stream.push('b');
    expect(a.chunks).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(a.text()).toBe('>ab');
    expect(a.chunks).toHaveLength(2);
  });
});
