import { appendFile, rename, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { JsonlTail } from './jsonl-tail';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'session.jsonl');
});
afterEach(() => temp.cleanup());

describe('JsonlTail', () => {
  it('returns only the lines appended since the last read', async () => {
    await writeFile(file, '{"n":1}\n{"n":2}\n');
    const tail = new JsonlTail(file);
    expect(await tail.read()).toEqual({ records: [{ n: 1 }, { n: 2 }], restarted: false });
    expect(await tail.read()).toEqual({ records: [], restarted: false });
    await appendFile(file, '{"n":3}\n');
    expect(await tail.read()).toEqual({ records: [{ n: 3 }], restarted: false });
  });

  it('holds back a last line until its newline is written, even cut inside a character', async () => {
    const line = JSON.stringify({ text: 'café ✓' });
    const bytes = Buffer.from(`${line}\n`);
    const cut = bytes.indexOf(Buffer.from('✓')) + 1; // in the middle of the three-byte ✓
    await writeFile(file, bytes.subarray(0, cut));
    const tail = new JsonlTail(file);
    expect((await tail.read()).records).toEqual([]);
    await appendFile(file, bytes.subarray(cut));
    expect((await tail.read()).records).toEqual([{ text: 'café ✓' }]);
  });

  it('reads a file that was cut shorter again from its start, and says so', async () => {
    await writeFile(file, '{"n":1}\n{"n":2}\n');
    const tail = new JsonlTail(file);
    await tail.read();
    await truncate(file, 0);
    await appendFile(file, '{"n":9}\n');
    expect(await tail.read()).toEqual({ records: [{ n: 9 }], restarted: true });
  });

  it('reads a replaced file (rotated under the same name) from its start', async () => {
    await writeFile(file, '{"n":1}\n');
    const tail = new JsonlTail(file);
    await tail.read();
    const other = path.join(temp.dir, 'other.jsonl');
    await writeFile(other, '{"n":7}\n{"n":8}\n');
    await rename(other, file);
    expect(await tail.read()).toEqual({ records: [{ n: 7 }, { n: 8 }], restarted: true });
  });

  it('skips a line that is not JSON and finds nothing in a missing file', async () => {
    await writeFile(file, 'not json\n{"n":1}\n');
    expect((await new JsonlTail(file).read()).records).toEqual([{ n: 1 }]);
    expect(await new JsonlTail(path.join(temp.dir, 'missing.jsonl')).read()).toEqual({ records: [], restarted: false });
  });
});
