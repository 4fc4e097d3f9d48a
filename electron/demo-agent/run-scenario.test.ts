import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinScenarios } from './builtin-scenarios';
import { runScenario, slugify } from './run-scenario';
import {
  countOccurrences,
  execFileResult,
  git,
  makeTempDir,
  makeTempRepo,
  removeTempDirs,
  runInProcess,
} from '../test-support/demo-agent';

let repo: string;

beforeEach(async () => {
  repo = await makeTempRepo();
});

afterEach(async () => {
  await removeTempDirs();
});

const read = (relative: string): Promise<string> => readFile(path.join(repo, relative), 'utf8');

describe('print, placeholders, sleep and exit', () => {
  it('prints each line in order and ends with 0 when the steps run out', async () => {
    const run = await runInProcess([{ print: 'one' }, { print: 'two', delayMs: 5 }], { cwd: repo });
    expect(run).toEqual({ exitCode: 0, output: 'one\ntwo\n' });
  });

  it('fills {prompt} and {slug} once, leaving placeholder-like text inside the prompt alone', async () => {
    const run = await runInProcess([{ print: '[{prompt}] [{slug}]' }], { cwd: repo, prompt: 'Fix the {slug} Parser!' });
    expect(run.output).toBe('[Fix the {slug} Parser!] [fix-the-slug-parser]\n');
  });

  it('uses a default prompt and slug when there is no prompt', async () => {
    const run = await runInProcess([{ print: '{prompt} / {slug}' }], { cwd: repo, prompt: '   ' });
    expect(run.output).toBe('make a small change / change\n');
  });

  it('slugifies accents and punctuation into dashes', () => {
    expect(slugify('Café: add the “login” page!')).toBe('cafe-add-the-login-page');
    expect(slugify('!!!')).toBe('change');
  });

  it('waits for sleep and delayMs', async () => {
    const started = Date.now();
    await runInProcess([{ sleep: 120 }, { print: 'x', delayMs: 80 }], { cwd: repo });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('exit stops the run with its code and skips later steps', async () => {
    const run = await runInProcess([{ print: 'before' }, { exit: 7 }, { print: 'after' }], { cwd: repo });
    expect(run).toEqual({ exitCode: 7, output: 'before\n' });
  });
});

describe('file steps', () => {
  it('write creates parent folders and overwrites', async () => {
    const first = await runInProcess([{ write: { path: 'a/b/c.txt', content: 'first' } }], { cwd: repo });
    expect(first.exitCode).toBe(0);
    expect(await read('a/b/c.txt')).toBe('first');
    await runInProcess([{ write: { path: 'a/b/c.txt', content: 'second' } }], { cwd: repo });
    expect(await read('a/b/c.txt')).toBe('second');
  });

  it('append adds to an existing file and creates a missing one', async () => {
    await runInProcess(
      [
        { append: { path: 'README.md', content: 'Appended.\n' } },
        { append: { path: 'new/notes.txt', content: 'fresh' } },
      ],
      { cwd: repo },
    );
    expect(await read('README.md')).toBe('# Demo project\n\nSecond line stays.\nAppended.\n');
    expect(await read('new/notes.txt')).toBe('fresh');
  });

  it('edit replaces the first occurrence of find', async () => {
    await writeFile(path.join(repo, 'code.ts'), 'let a = 1;\nlet a = 1;\n');
    const run = await runInProcess([{ edit: { path: 'code.ts', find: 'let a = 1;', replace: 'const a = 2;' } }], {
      cwd: repo,
    });
    expect(run.exitCode).toBe(0);
    expect(await read('code.ts')).toBe('const a = 2;\nlet a = 1;\n');
  });

  it('edit fails with exit 1 and a clear message when find is absent, leaving the file alone', async () => {
    const run = await runInProcess(
      [{ edit: { path: 'README.md', find: 'not in the file', replace: 'x' } }, { print: 'should not run' }],
      { cwd: repo },
    );
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('Error: Cannot edit README.md: the text to replace was not found: "not in the file"');
    expect(run.output).not.toContain('should not run');
    expect(await read('README.md')).toBe('# Demo project\n\nSecond line stays.\n');
  });

  it('edit of a missing file fails with exit 1', async () => {
    const run = await runInProcess([{ edit: { path: 'missing.txt', find: 'a', replace: 'b' } }], { cwd: repo });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('Cannot edit missing.txt: the file does not exist.');
  });

  it.each(['../outside.txt', 'inner/../../outside.txt', '..\\outside.txt'])(
    'refuses the escaping path %s with exit 3',
    async (escaping) => {
      const run = await runInProcess([{ write: { path: escaping, content: 'x' } }, { print: 'should not run' }], {
        cwd: repo,
      });
      expect(run.exitCode).toBe(3);
      expect(run.output).toMatch(/^Error: Refusing to touch .*outside the working folder/);
      expect(run.output).not.toContain('should not run');
      expect(existsSync(path.join(path.dirname(repo), 'outside.txt'))).toBe(false);
    },
  );

  it('refuses an absolute path with exit 3', async () => {
    const target = path.join(path.dirname(repo), 'absolute-target.txt');
    const run = await runInProcess([{ append: { path: target, content: 'x' } }], { cwd: repo });
    expect(run.exitCode).toBe(3);
    expect(run.output).toContain('is absolute');
    expect(existsSync(target)).toBe(false);
  });

  it('replaceLine changes only the given line and keeps the rest', async () => {
    await runInProcess([{ replaceLine: { path: 'README.md', line: 1, text: '# New title' } }], { cwd: repo });
    expect(await read('README.md')).toBe('# New title\n\nSecond line stays.\n');
  });

  it('replaceLine creates a missing file', async () => {
    await rm(path.join(repo, 'README.md'));
    await runInProcess([{ replaceLine: { path: 'README.md', line: 2, text: 'second' } }], { cwd: repo });
    expect(await read('README.md')).toBe('\nsecond\n');
  });
});

describe('ask', () => {
  const askThenPrint = [{ ask: 'Apply this edit?' }, { print: 'applied' }];

  it('prints the exact question and continues on y', async () => {
    const run = await runInProcess(askThenPrint, { cwd: repo, input: ['y\n'] });
    expect(run.exitCode).toBe(0);
    expect(run.output).toBe('? Apply this edit? (y/n) y\napplied\n');
  });

  it('stops with exit 2 on n by default', async () => {
    const run = await runInProcess(askThenPrint, { cwd: repo, input: ['n\n'] });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain('Stopped: the dispatcher declined.');
    expect(run.output).not.toContain('applied');
  });

  it('continues on no when onNo is continue', async () => {
    const run = await runInProcess([{ ask: 'Apply this edit?', onNo: 'continue' }, { print: 'went on' }], {
      cwd: repo,
      input: ['no\n'],
    });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('went on');
    expect(run.output).not.toContain('Stopped');
  });

  it('asks again after an answer that is neither yes nor no', async () => {
    const run = await runInProcess(askThenPrint, { cwd: repo, input: ['maybe\n', '\n', 'YES\n'] });
    expect(run.exitCode).toBe(0);
    expect(countOccurrences(run.output, '? Apply this edit? (y/n) ')).toBe(3);
    expect(countOccurrences(run.output, 'Please answer y or n.')).toBe(2);
    expect(run.output.endsWith('applied\n')).toBe(true);
  });

  it('takes answers ended by \\r, and a \\r\\n split across chunks is one line, not two', async () => {
    const twoQuestions = [{ ask: 'First?' }, { ask: 'Second?' }, { print: 'both yes' }];
    const yesNo = await runInProcess(twoQuestions, { cwd: repo, input: ['y\r', '\n', 'N\r\n'] });
    expect(yesNo.output).not.toContain('Please answer');
    expect(yesNo.exitCode).toBe(2);
    const crOnly = await runInProcess(twoQuestions, { cwd: repo, input: ['y\r', 'y\r'] });
    expect(crOnly.exitCode).toBe(0);
    expect(crOnly.output).toContain('both yes');
  });

  it('stops with exit 2 when stdin closes before an answer', async () => {
    const run = await runInProcess(askThenPrint, { cwd: repo, endInput: true });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain('Stopped: input closed before an answer.');
  });
});

describe('commit', () => {
  it('commits every change with the message and prints the new short sha', async () => {
    const before = await git(repo, ['rev-parse', 'HEAD']);
    const run = await runInProcess(
      [
        { write: { path: 'src/feature.ts', content: 'export const x = 1;\n' } },
        { append: { path: 'README.md', content: 'more\n' } },
        { commit: 'Add {slug}' },
      ],
      { cwd: repo, prompt: 'the feature' },
    );
    expect(run.exitCode).toBe(0);
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Add the-feature');
    expect(await git(repo, ['rev-parse', 'HEAD~1'])).toBe(before);
    const shortSha = await git(repo, ['rev-parse', '--short', 'HEAD']);
    expect(run.output).toBe(`Committed ${shortSha}: Add the-feature\n`);
    expect((await git(repo, ['show', '--name-only', '--format=', 'HEAD'])).split('\n').sort()).toEqual([
      'README.md',
      'src/feature.ts',
    ]);
    expect(await git(repo, ['status', '--porcelain'])).toBe('');
    // The repo's own identity is used when there is one.
    expect(await git(repo, ['log', '-1', '--format=%an <%ae>'])).toBe('Test Dispatcher <dispatcher@example.invalid>');
  });

  it('skips the commit, without failing, when nothing changed', async () => {
    const before = await git(repo, ['rev-parse', 'HEAD']);
    const run = await runInProcess([{ commit: 'Nothing here' }, { print: 'after' }], { cwd: repo });
    expect(run.exitCode).toBe(0);
    expect(run.output).toBe('Nothing to commit; skipped the commit.\nafter\n');
    expect(await git(repo, ['rev-parse', 'HEAD'])).toBe(before);
  });

  it('fails with exit 1 outside a git repository', async () => {
    const notRepo = await makeTempDir();
    // Precondition: the temp folder is not inside some other repository.
    expect((await execFileResult('git', ['rev-parse', '--git-dir'], { cwd: notRepo })).exitCode).not.toBe(0);
    const run = await runInProcess([{ write: { path: 'x.txt', content: 'x' } }, { commit: 'nope' }], { cwd: notRepo });
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/^Error: git add -A failed \(exit \d+\): fatal: not a git repository/);
  });
});

describe('echo', () => {
  it('prints each line back until the until line, then runs the next steps', async () => {
    const run = await runInProcess([{ echo: {} }, { print: 'finished' }], {
      cwd: repo,
      input: ['hello\n', 'two words\r\n', '/done\n', 'ignored\n'],
    });
    expect(run.exitCode).toBe(0);
    expect(run.output).toBe('received: hello\nreceived: two words\nfinished\n');
  });

  it('honours a custom until and also ends at end of input', async () => {
    const custom = await runInProcess([{ echo: { until: 'STOP' } }, { print: 'after' }], {
      cwd: repo,
      input: ['/done\n', 'STOP\n'],
    });
    expect(custom.output).toBe('received: /done\nafter\n');
    const eof = await runInProcess([{ echo: {} }, { print: 'after' }], {
      cwd: repo,
      input: ['last line without newline'],
      endInput: true,
    });
    expect(eof.output).toBe('received: last line without newline\nafter\n');
  });
});

describe('flood', () => {
  it('prints exactly n bytes of printable, deterministic lines', async () => {
    const first = await runInProcess([{ flood: { bytes: 200_003 } }], { cwd: repo });
    const second = await runInProcess([{ flood: { bytes: 200_003 } }], { cwd: repo });
    expect(Buffer.byteLength(first.output)).toBe(200_003);
    expect(second.output).toBe(first.output);
    expect(first.output.endsWith('\n')).toBe(true);
    const lines = first.output.slice(0, -1).split('\n');
    expect(lines[0]).toMatch(/^flood 00000000 [A-Za-z0-9]+$/);
    expect(
      lines
        .slice(0, -1)
        .every((line, i) => line.startsWith(`flood ${String(i).padStart(8, '0')} `) && line.length === 79),
    ).toBe(true);
    expect(/^[\x20-\x7e\n]*$/.test(first.output)).toBe(true);
  });

  it('waits for a slow reader instead of buffering everything', async () => {
    const bytes = 2_000_000;
    let received = 0;
    let maxBuffered = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        maxBuffered = Math.max(maxBuffered, slow.writableLength);
        setImmediate(callback);
      },
    });
    const code = await runScenario(
      { name: 'flood', steps: [{ flood: { bytes } }] },
      { cwd: repo, prompt: '', input: new PassThrough(), output: slow },
    );
    expect(code).toBe(0);
    expect(received).toBe(bytes);
    // Ignoring backpressure would queue the whole 2 MB at once.
    expect(maxBuffered).toBeLessThan(200_000);
  });
});

describe('builtin scenarios in-process', () => {
  it('feature: writes the notes file, asks, commits, says Done. and exits 0', async () => {
    const run = await runInProcess(builtinScenarios.feature, { cwd: repo, prompt: 'Add a login page', input: ['y\n'] });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('Add a login page');
    expect(run.output).toContain('? Apply this edit? (y/n) ');
    expect(run.output.trimEnd().endsWith('Done.')).toBe(true);
    expect(await read('demo/add-a-login-page.md')).toContain('Add a login page');
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Add add-a-login-page notes');
  });

  it('feature without a prompt writes demo/change.md; declining leaves it uncommitted with exit 2', async () => {
    const run = await runInProcess(builtinScenarios.feature, { cwd: repo, input: ['n\n'] });
    expect(run.exitCode).toBe(2);
    expect(existsSync(path.join(repo, 'demo/change.md'))).toBe(true);
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Initial commit');
  });

  it('quick: commits without asking', async () => {
    const run = await runInProcess(builtinScenarios.quick, { cwd: repo, prompt: 'tidy up', endInput: true });
    expect(run.exitCode).toBe(0);
    expect(run.output).not.toContain('(y/n)');
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Add quick tidy-up note');
    expect(await read('demo/tidy-up-quick.md')).toContain('tidy up');
  });

  it('quick and feature name their file from the branch when one is given, so parallel tasks do not collide', async () => {
    const quick = await runInProcess(builtinScenarios.quick, {
      cwd: repo,
      prompt: 'tidy up',
      branch: 'switchyard/api/attempt-2',
      endInput: true,
    });
    expect(quick.exitCode).toBe(0);
    expect(await read('demo/api-attempt-2-quick.md')).toContain('tidy up');
    expect(existsSync(path.join(repo, 'demo/tidy-up-quick.md'))).toBe(false);
    const feature = await runInProcess(builtinScenarios.feature, {
      cwd: repo,
      prompt: 'tidy up',
      branch: 'switchyard/docs',
      input: ['y\n'],
    });
    expect(feature.exitCode).toBe(0);
    expect(feature.output).toContain('Wrote demo/docs.md');
    expect(await read('demo/docs.md')).toContain('tidy up');
  });

  it('fail: prints the error and exits 1 without touching the repo', async () => {
    const run = await runInProcess(builtinScenarios.fail, { cwd: repo });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('Error: the demo agent was told to fail');
    expect(await git(repo, ['status', '--porcelain'])).toBe('');
  });

  it('ask-twice: asks two different questions and commits the extended file', async () => {
    const run = await runInProcess(builtinScenarios['ask-twice'], { cwd: repo, prompt: 'docs', input: ['y\n', 'y\n'] });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('? Apply this edit? (y/n) ');
    expect(run.output).toContain('? Commit these changes? (y/n) ');
    expect(await git(repo, ['show', 'HEAD:demo/docs.md'])).toContain('Reviewed and extended');
  });

  it('echo: prints what it is sent', async () => {
    const run = await runInProcess(builtinScenarios.echo, { cwd: repo, input: ['ping\n', '/done\n'] });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('received: ping\n');
  });

  it('conflict-a and conflict-b each commit a new first line, and merging both conflicts on README.md', async () => {
    await git(repo, ['switch', '--quiet', '-c', 'thread-a']);
    expect((await runInProcess(builtinScenarios['conflict-a'], { cwd: repo })).exitCode).toBe(0);
    expect(await read('README.md')).toBe('# Title chosen by thread A\n\nSecond line stays.\n');
    await git(repo, ['switch', '--quiet', '-c', 'thread-b', 'main']);
    expect((await runInProcess(builtinScenarios['conflict-b'], { cwd: repo })).exitCode).toBe(0);
    expect(await read('README.md')).toBe('# Title chosen by thread B\n\nSecond line stays.\n');

    await git(repo, ['switch', '--quiet', 'main']);
    await git(repo, ['merge', '--quiet', '--no-edit', 'thread-a']);
    const second = await execFileResult('git', ['merge', '--no-edit', 'thread-b'], { cwd: repo });
    expect(second.exitCode).not.toBe(0);
    expect(await git(repo, ['diff', '--name-only', '--diff-filter=U'])).toBe('README.md');
  });

  it('conflict-a creates README.md when it is missing', async () => {
    await git(repo, ['rm', '--quiet', 'README.md']);
    await git(repo, ['commit', '--quiet', '-m', 'Remove README']);
    const run = await runInProcess(builtinScenarios['conflict-a'], { cwd: repo });
    expect(run.exitCode).toBe(0);
    expect(await git(repo, ['show', 'HEAD:README.md'])).toBe('# Title chosen by thread A');
  });
});
