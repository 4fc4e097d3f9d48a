import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempRepo, removeTempDirs, runInProcess } from '../test-support/demo-agent';

let repo: string;

beforeEach(async () => {
  repo = await makeTempRepo();
});

afterEach(async () => {
  await removeTempDirs();
});

const recorded = async (): Promise<string[]> =>
  (await readFile(path.join(repo, 'inbox.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { message: string }).message);

describe('the demo agent’s input box (inbox step)', () => {
  it('takes a bracketed paste as one message, newlines kept, even with its markers split across chunks', async () => {
    const run = await runInProcess([{ inbox: { record: 'inbox.jsonl', workMs: 0 } }, { print: 'after' }], {
      cwd: repo,
      input: ['\x1b[200~first line\nsecond', ' line\r\nthird line\x1b[2', '01~\r', 'plain one\r', '/done\r'],
    });
    expect(run.exitCode).toBe(0);
    expect(await recorded()).toEqual(['first line\nsecond line\nthird line', 'plain one']);
    // Bracketed paste is turned on for the box and off after it.
    expect(run.output.startsWith('\x1b[?2004h> ')).toBe(true);
    expect(run.output).toContain('Working on message 1 (3 lines)…\nDone with message 1.\n');
    expect(run.output).toContain('Working on message 2 (1 line)…');
    expect(run.output).toMatch(/\x1b\[\?2004lafter\n$/);
  });

  it('without bracketed paste each line is a message of its own', async () => {
    const run = await runInProcess([{ inbox: { record: 'inbox.jsonl', workMs: 0, bracketedPaste: false } }], {
      cwd: repo,
      input: ['one\ntwo\n', '/done\n'],
    });
    expect(run.output).not.toContain('\x1b[?2004h');
    expect(await recorded()).toEqual(['one', 'two']);
  });
});
