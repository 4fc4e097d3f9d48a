import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { TerminalLog } from './terminal-log';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => (temp = await makeTempDir()));
afterEach(() => temp.cleanup());

describe('TerminalLog', () => {
  it('keeps output in order on disk and returns its tail', async () => {
    const log = new TerminalLog(path.join(temp.dir, 'terminals', 't.log'));
    for (let i = 0; i < 100; i++) log.append(`line ${i}\r\n`);
    expect(await log.tail(18)).toBe('line 98\r\nline 99\r\n');
    expect((await readFile(log.file, 'utf8')).startsWith('line 0\r\nline 1\r\n')).toBe(true);
  });

  it('stays bounded by rotating into one older file, and reads across both', async () => {
    const log = new TerminalLog(path.join(temp.dir, 't.log'), 1000);
    for (let i = 0; i < 500; i++) log.append(`${String(i).padStart(4, '0')}\n`);
    await log.flushed();
    expect((await stat(log.file)).size).toBeLessThanOrEqual(1000);
    expect((await stat(`${log.file}.1`)).size).toBeLessThanOrEqual(1000);
    const tail = await log.tail(1500);
    expect(tail.endsWith('0498\n0499\n')).toBe(true);
    expect(tail.length).toBe(1500);
    const numbers = tail.trim().split('\n').map(Number);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
  });

  it('does not break multi-byte characters at the cut', async () => {
    const log = new TerminalLog(path.join(temp.dir, 'u.log'));
    log.append('ééééé');
    const tail = await log.tail(3);
    expect(tail).toBe('ééé');
  });

  it('removes its files', async () => {
    const log = new TerminalLog(path.join(temp.dir, 'r.log'), 10);
    log.append('0123456789abc');
    log.append('more');
    await log.remove();
    await expect(stat(log.file)).rejects.toThrow();
    await expect(stat(`${log.file}.1`)).rejects.toThrow();
  });

  it('writes a burst of appends in a few writes, saying how much is still waiting', async () => {
    const log = new TerminalLog(path.join(temp.dir, 'b.log'));
    let writes = 0;
    log.onWritten(() => writes++);
    for (let i = 0; i < 1000; i++) log.append('0123456789');
    expect(log.pendingChars).toBe(10_000);
    await log.flushed();
    expect(log.pendingChars).toBe(0);
    expect(writes).toBeLessThanOrEqual(2);
    expect((await readFile(log.file, 'utf8')).length).toBe(10_000);
  });
});
