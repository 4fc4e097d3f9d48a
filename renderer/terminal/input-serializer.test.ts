import { describe, expect, it } from 'vitest';
import { InputSerializer, maxInputChunk } from './input-serializer';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('InputSerializer', () => {
  it('keeps one request in flight and batches what is typed meanwhile, in order', async () => {
    const sent: string[] = [];
    const gates: Array<() => void> = [];
    const serializer = new InputSerializer((data) => {
      sent.push(data);
      const d = deferred();
      gates.push(d.resolve);
      return d.promise;
    });

    serializer.push('l');
    serializer.push('s');
    serializer.push(' ');
    serializer.push('-');
    expect(sent).toEqual(['l']);
    gates.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual(['l', 's -']);
    serializer.push('a\r');
    gates.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual(['l', 's -', 'a\r']);
    gates.shift()?.();
    await serializer.whenIdle();
  });

  it('continues after a failed send', async () => {
    const sent: string[] = [];
    const serializer = new InputSerializer(async (data) => {
      sent.push(data);
      if (data === 'x') throw new Error('lost');
    });
    serializer.push('x');
    serializer.push('y');
    await serializer.whenIdle();
    expect(sent).toEqual(['x', 'y']);
  });

  it('splits huge pastes without cutting a surrogate pair', async () => {
    const sent: string[] = [];
    const serializer = new InputSerializer(async (data) => {
      sent.push(data);
    });
    const paste = 'a'.repeat(maxInputChunk - 1) + '😀' + 'b';
    serializer.push(paste);
    await serializer.whenIdle();
    expect(sent.join('')).toBe(paste);
    expect(sent[0]).toHaveLength(maxInputChunk - 1);
    expect(sent.every((chunk) => chunk.length <= maxInputChunk)).toBe(true);
  });
});
