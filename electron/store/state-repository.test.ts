import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeThread } from '../../shared/test-fixtures';
import { makeTempDir } from '../test-support/temp-repo';
import { StateRepository } from './state-repository';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

describe('StateRepository.close', () => {
  it('waits for the writes asked for before it, and writes nothing after it', async () => {
    const state = await StateRepository.open(temp.dir);
    const file = path.join(temp.dir, 'state.json');
    await state.putThread(makeThread({ id: 't1', name: 'first' }));
    void state.putThread(makeThread({ id: 't1', name: 'before close' }));
    await state.close();
    expect(await readFile(file, 'utf8')).toContain('before close');

    // What a late status report would do once the next instance may own the folder: e.g. a test
    // (or the next start) finds state.json corrupt; the closed app must not copy that over the backup.
    await writeFile(file, '{"version": 1, "projects": [');
    await state.putThread(makeThread({ id: 't1', name: 'after close' }));
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "projects": [');
    const reopened = await StateRepository.open(temp.dir);
    expect(reopened.loadReport.recoveredFrom).toBe('backup');
    await reopened.close();
  });
});
