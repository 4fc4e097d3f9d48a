import { describe, expect, it } from 'vitest';
import { firstMatch } from '../../shared/review-glob';
import { defaultHazardPatterns } from '../../shared/review-settings';
import { capPatch } from './cap-patch';
import { commandToArgv, verificationArgv } from './command-argv';
import { WatchLeases } from './watch-leases';

describe('path globs', () => {
  it.each([
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcx/a.ts', false],
    ['src/', 'src/a.ts', true],
    ['src/payments', 'src/payments/pay.ts', true],
    ['*.md', 'docs/deep/readme.md', true],
    ['docs/*.md', 'docs/deep/readme.md', false],
    ['**/migrations/**', 'db/migrations/001.sql', true],
    ['src/{a,b}.ts', 'src/b.ts', true],
    ['file?.txt', 'file1.txt', true],
    ['a.b', 'aXb', false],
  ])('%s matches %s: %s', (pattern, filePath, expected) => {
    expect(firstMatch(filePath, [pattern]) !== null).toBe(expected);
  });

  it('has sensible hazard defaults: lockfiles, migrations, generated code, global config', () => {
    for (const hazard of [
      'package-lock.json',
      'web/yarn.lock',
      'db/migrations/0001_init.py',
      'src/generated/api.ts',
      '.github/workflows/ci.yml',
      'tsconfig.json',
    ])
      expect(firstMatch(hazard, defaultHazardPatterns)).not.toBeNull();
    for (const ordinary of ['src/app.ts', 'README.md', 'docs/guide.md'])
      expect(firstMatch(ordinary, defaultHazardPatterns)).toBeNull();
  });
});

describe('capping one file’s patch', () => {
  const header = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n';
  it('keeps it a valid diff: the cut hunk counts only the kept lines', () => {
    const body = Array.from({ length: 100 }, (_, i) => `+line ${i}`).join('\n');
    const capped = capPatch(`${header}@@ -0,0 +1,100 @@\n${body}\n`, { maxBytes: 300, maxLineChars: 1000 });
    expect(capped.truncated).toBe(true);
    const kept = capped.patch.split('\n').filter((l) => l.startsWith('+line')).length;
    expect(capped.patch).toContain(`@@ -0,0 +1,${kept} @@`);
    expect(kept).toBeGreaterThan(5);
    expect(capped.patch.length).toBeLessThanOrEqual(300);
  });

  it('counts context and removed lines on the old side', () => {
    const patch = `${header}@@ -10,4 +10,4 @@ fn\n a\n-b\n+B\n c\n d\n@@ -50,1 +50,1 @@\n-x\n+y\n`;
    const capped = capPatch(patch, { maxBytes: header.length + 40, maxLineChars: 1000 });
    expect(capped.patch).toContain('@@ -10,4 +10,4 @@ fn');
    expect(capped.patch).not.toContain('@@ -50');
    expect(capPatch(patch, { maxBytes: 10_000, maxLineChars: 1000 }).patch).toBe(patch);
  });

  it('cuts long lines and says how much, and notices CRLF', () => {
    const capped = capPatch(`${header}@@ -1 +1 @@\n-${'a'.repeat(50)}\r\n+b\r\n`, {
      maxBytes: 10_000,
      maxLineChars: 20,
    });
    expect(capped.longLinesCut).toBe(1);
    expect(capped.patch).toContain('[32 more characters]');
    expect(capped.crlf).toBe(true);
  });
});

describe('verification commands without a shell', () => {
  it('splits words with quotes and escapes, and nothing more', () => {
    expect(commandToArgv(`npm run test -- --grep "a b" 'c d' e\\ f`)).toEqual([
      'npm',
      'run',
      'test',
      '--',
      '--grep',
      'a b',
      'c d',
      'e f',
    ]);
    expect(commandToArgv('node -e "console.log(1)"')).toEqual(['node', '-e', 'console.log(1)']);
  });

  it.each(['npm test && rm -rf /', 'echo $HOME', 'ls | wc', 'echo `id`', 'cat < x', 'ls *.ts', 'echo "$HOME"'])(
    'refuses shell syntax in %s',
    (command) => {
      expect(() => commandToArgv(command)).toThrow(/shell syntax/);
    },
  );

  it('runs through the chosen shell as [shell, -c, command]', () => {
    expect(verificationArgv('npm test && echo ok', '/bin/bash')).toEqual({
      argv: ['/bin/bash', '-c', 'npm test && echo ok'],
      via: 'shell',
    });
    expect(() => commandToArgv('echo "open')).toThrow(/unclosed/);
  });

  it('refuses a newline, with or without a shell, instead of taking it as a space', () => {
    expect(() => commandToArgv('npm test\nrm -rf build')).toThrow(/one line/);
    expect(() => commandToArgv('echo "a\nb"')).toThrow(/one line/);
    expect(() => verificationArgv('false\ntrue', '/bin/sh')).toThrow(/one line/);
    expect(() => verificationArgv('npm test\r\n', null)).toThrow(/one line/);
  });
});

describe('watch leases', () => {
  it('starts on the first lease, stops on the last, and expires windows that vanished', () => {
    let now = 0;
    const log: string[] = [];
    const leases = new WatchLeases(
      1000,
      (id) => log.push(`start ${id}`),
      (id) => log.push(`stop ${id}`),
      () => now,
    );
    leases.renew('t1', 'a');
    leases.renew('t1', 'b');
    leases.release('t1', 'a');
    expect(log).toEqual(['start t1']);
    now = 500;
    leases.renew('t1', 'b');
    now = 1200;
    leases.sweep();
    expect(leases.isWatched('t1')).toBe(true);
    now = 1600;
    leases.sweep();
    expect(log).toEqual(['start t1', 'stop t1']);
    leases.close();
  });
});
