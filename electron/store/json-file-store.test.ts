import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir } from '../test-support/temp-repo';
import { JsonFileStore } from './json-file-store';

const Schema = z.object({ count: z.number() });
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'state.json');
});
afterEach(() => temp.cleanup());

describe('JsonFileStore', () => {
  it('starts from defaults, saves atomically and keeps the previous copy', async () => {
    const store = new JsonFileStore(file, Schema, () => ({ count: 0 }));
    expect(await store.load()).toEqual({ value: { count: 0 }, recoveredFrom: null, problem: null });
    await store.save({ count: 1 });
    await store.save({ count: 2 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 2 });
    expect(JSON.parse(await readFile(store.backupFile, 'utf8'))).toEqual({ count: 1 });
    expect((await readdir(temp.dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('recovers from a corrupt file using the backup, keeps the corrupt copy and says so', async () => {
    const store = new JsonFileStore(file, Schema, () => ({ count: 0 }));
    await store.save({ count: 1 });
    await store.save({ count: 2 });
    await writeFile(file, '{"count": 3'); // torn write
    const loaded = await store.load();
    expect(loaded.value).toEqual({ count: 1 });
    expect(loaded.recoveredFrom).toBe('backup');
    expect(loaded.problem).toContain('not valid JSON');
    expect((await readdir(temp.dir)).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('rejects content of the wrong shape rather than loading it', async () => {
    await writeFile(file, '{"count": "many"}');
    const loaded = await new JsonFileStore(file, Schema, () => ({ count: 0 })).load();
    expect(loaded).toMatchObject({ value: { count: 0 }, recoveredFrom: 'defaults' });
  });
});
