import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longestRun, type PatchSlice, rowsOfSlice, splitPatch } from './patch-slices';
import { quoteLines, readPatchLines } from './patch-lines';

const header = 'diff --git a/f.ts b/f.ts\nindex 1..2 100644\n--- a/f.ts\n+++ b/f.ts\n';

/** The hunk headers a slice draws (a continued slice's first is not git's and not drawn). */
function drawnHeaders(slices: readonly PatchSlice[]): string[] {
  return slices.flatMap((slice) => {
    const headers = slice.text.split('\n').filter((line) => line.startsWith('@@'));
    return slice.continued ? headers.slice(1) : headers;
  });
}

function headersOf(patch: string): string[] {
  return patch.split('\n').filter((line) => line.startsWith('@@'));
}

/** Each body line of the slices (hunk headers left out), with the slice it is in. */
function bodyLines(slices: readonly PatchSlice[]): Array<{ line: string; slice: number }> {
  return slices.flatMap((slice, index) => {
    const lines = slice.text.split('\n');
    lines.pop();
    const first = lines.findIndex((line) => line.startsWith('@@'));
    return lines
      .slice(first)
      .filter((line) => !line.startsWith('@@'))
      .map((line) => ({ line, slice: index }));
  });
}

const isChange = (line: string) => line[0] === '-' || line[0] === '+' || line[0] === '\\';

/** What every split of a real diff must keep: git's hunks, its lines, runs whole, numbers. */
function expectFaithful(patch: string, slices: readonly PatchSlice[], maxLines: number, firstLines = maxLines): void {
  // git's hunk headers, exactly, once each.
  expect(drawnHeaders(slices)).toEqual(headersOf(patch));
  // Every line of git's hunks, in order, once.
  const lines = bodyLines(slices);
  expect(lines.map((l) => l.line)).toEqual(
    patch
      .split('\n')
      .slice(patch.split('\n').findIndex((l) => l.startsWith('@@')))
      .filter((l) => !l.startsWith('@@') && l !== ''),
  );
  // No run of removed and added lines is cut between slices (but after `longestRun.lines` of it).
  let runLength = 0;
  for (let i = 0; i < lines.length; i++) {
    const b = lines[i] as { line: string; slice: number };
    const a = lines[i - 1];
    if (!isChange(b.line)) runLength = 0;
    else if (b.line[0] !== '\\') runLength++;
    if (!a || !isChange(a.line) || !isChange(b.line) || a.slice === b.slice) continue;
    if (b.line[0] !== '\\' && runLength === longestRun.lines + 1) {
      runLength = 1;
      continue;
    }
    throw new Error(
      `a run of changed lines is cut between slices ${a.slice} and ${b.slice}: "${a.line}" | "${b.line}"`,
    );
  }
  // Line numbers as git's, on both sides.
  const whole = readPatchLines(patch);
  const parts = slices.map((slice) => readPatchLines(slice.text));
  expect([...new Map(parts.flatMap((p) => [...p.old]))]).toEqual([...whole.old]);
  expect([...new Map(parts.flatMap((p) => [...p.new]))]).toEqual([...whole.new]);
  // Only a single run longer than a slice makes a slice longer than its limit.
  slices.forEach((slice, index) => {
    const limit = index === 0 ? firstLines : maxLines;
    const rows = rowsOfSlice(slice, 'line-by-line');
    if (rows <= limit) return;
    const body = bodyLines([slice]).map((l) => l.line);
    expect(body.every(isChange), `slice ${index} (${rows} rows) is over its limit without being one run`).toBe(true);
  });
}

describe('splitting a file diff into slices', () => {
  it('cuts a new 10-line file into pieces that draw one hunk and keep their line numbers', () => {
    const body = Array.from({ length: 10 }, (_, i) => ` line ${i + 1}`).join('\n');
    const patch = `${header}@@ -0,0 +1,10 @@\n${body}\n`;
    const slices = splitPatch(patch, 4);
    expect(slices.length).toBe(4);
    expect(slices.every((s) => s.text.startsWith(header))).toBe(true);
    expect(slices[0]).toEqual({ text: `${header}@@ -0,0 +1,10 @@\n line 1\n line 2\n line 3\n`, continued: false });
    expect(slices[1]?.continued).toBe(true);
    expect(drawnHeaders(slices)).toEqual(['@@ -0,0 +1,10 @@']);
    const all = slices.map((s) => readPatchLines(s.text));
    expect(all[1]?.new.get(4)).toBe('line 4');
    expect(all[3]?.new.get(10)).toBe('line 10');
  });

  it('keeps a run of added lines whole, however long', () => {
    const body = Array.from({ length: 10 }, (_, i) => `+line ${i + 1}`).join('\n');
    const slices = splitPatch(`${header}@@ -0,0 +1,10 @@\n${body}\n`, 4);
    expect(slices).toEqual([{ text: `${header}@@ -0,0 +1,10 @@\n${body}\n`, continued: false }]);
  });

  it('cuts a mixed hunk only at context lines, keeping old and new numbering', () => {
    const patch = `${header}@@ -10,5 +10,5 @@ ctx\n a\n-b\n+B\n c\n-d\n+D\n e\n`;
    const slices = splitPatch(patch, 4);
    expect(slices.map((s) => bodyLines([s]).map((l) => l.line))).toEqual([
      [' a', '-b', '+B'],
      [' c', '-d', '+D'],
      [' e'],
    ]);
    expectFaithful(patch, slices, 4);
  });

  it('makes the first slice smaller when asked, then cuts at the usual size', () => {
    const body = Array.from({ length: 20 }, (_, i) => ` line ${i + 1}`).join('\n');
    const patch = `${header}@@ -1,20 +1,20 @@\n${body}\n`;
    const slices = splitPatch(patch, 8, Number.MAX_SAFE_INTEGER, 3);
    expect(bodyLines(slices.slice(0, 1)).length).toBe(2);
    expect(bodyLines(slices.slice(1, 2)).length).toBe(7);
    expectFaithful(patch, slices, 8, 3);
  });

  it('leaves a small or hunkless diff whole, with git header as is', () => {
    const small = `${header}@@ -1 +1 @@ fn\n-a\n+b\n`;
    expect(splitPatch(small, 100)).toEqual([{ text: small, continued: false }]);
    const binary = 'diff --git a/x b/x\nBinary files a/x and b/x differ\n';
    expect(splitPatch(binary, 100)).toEqual([{ text: binary, continued: false }]);
  });

  it('quotes a range of lines from one side', () => {
    const lines = readPatchLines(`${header}@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n`);
    expect(quoteLines(lines, 'new', 1, 3)).toEqual(['one', 'TWO', 'three']);
    expect(quoteLines(lines, 'old', 2, 2)).toEqual(['two']);
  });
});

describe('slices of real git diffs', () => {
  let repo = '';
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const diffOf = (file: string) => git('diff', '--no-color', '--no-ext-diff', 'HEAD~1', 'HEAD', '--', file);
  /** A TypeScript file of functions: git's hunk headers carry the function each hunk is in. */
  const source = (fns: number, bodyLines: number, edit: (fn: number, line: number) => string | null) =>
    Array.from({ length: fns }, (_, f) => [
      `function section${f}(input: number): number {`,
      ...Array.from({ length: bodyLines }, (_, l) => edit(f, l) ?? `  const v${f}_${l} = input * ${l}; // step ${l}`),
      '}',
      '',
    ])
      .flat()
      .join('\n')
      .replace(/\n\n+/g, '\n\n');
  const patches: Record<string, string> = {};

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'patch-slices-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    mkdirSync(path.join(repo, 'src'));
    const write = (name: string, text: string) => writeFileSync(path.join(repo, 'src', name), text);
    const keep = () => null;
    write('long-hunk.ts', source(3, 40, keep));
    write('deletion.ts', source(2, 40, keep));
    write('runs.ts', source(2, 50, keep));
    write('several.ts', source(8, 12, keep));
    write('gone.ts', source(1, 30, keep));
    write('huge.ts', source(1, 300, keep));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    // One hunk of 27 lines each side, a line changed every fourth: @@ -7,27 +7,27 @@.
    write(
      'long-hunk.ts',
      source(3, 40, (f, l) => (f === 0 && l >= 8 && l <= 28 && l % 4 === 0 ? `  const changed${l} = ${l};` : null)),
    );
    // A 21-line deletion.
    write(
      'deletion.ts',
      source(2, 40, (f, l) => (f === 1 && l >= 5 && l < 26 ? '' : null)),
    );
    // 20 lines replaced with 25: one run of 45 changed lines, far longer than a slice.
    write(
      'runs.ts',
      source(2, 50, (f, l) =>
        f === 0 && l >= 10 && l < 30
          ? Array.from({ length: l === 29 ? 6 : 1 }, (_, k) => `  const replaced${l}_${k} = input - ${l};`).join('\n')
          : null,
      ),
    );
    // Several hunks, each in a function of its own, with git's function context.
    write(
      'several.ts',
      source(8, 12, (f, l) => (f % 2 === 1 && l === 6 ? `  const edited${f} = ${f};` : null)),
    );
    write('added.ts', source(1, 30, keep));
    // 250 lines replaced by 260: a run of 510 changed lines, past the longest drawn whole.
    write(
      'huge.ts',
      source(1, 300, (f, l) =>
        l >= 20 && l < 270 ? `  const other${l} = ${l};${l === 269 ? '\n  const a = 1;'.repeat(10) : ''}` : null,
      ),
    );
    write('big-new.ts', source(1, 450, keep));
    rmSync(path.join(repo, 'src', 'gone.ts'));
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    for (const name of ['long-hunk', 'deletion', 'runs', 'several', 'added', 'gone', 'huge', 'big-new']) {
      patches[name] = diffOf(`src/${name}.ts`);
    }
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const sizes: Array<[number, number, number]> = [
    [16, 3_000, 12],
    [5, 3_000, 5],
    [4, 200, 3],
  ];

  it('draws a long hunk once, with git header and function context', () => {
    const patch = patches['long-hunk'] as string;
    expect(headersOf(patch)).toEqual(['@@ -7,27 +7,27 @@ function section0(input: number): number {']);
    for (const [maxLines, maxChars, first] of sizes) {
      const slices = splitPatch(patch, maxLines, maxChars, first);
      expect(slices.length).toBeGreaterThan(1);
      expectFaithful(patch, slices, maxLines, first);
    }
  });

  it('draws a 21-line deletion as one hunk, the deletion in one slice', () => {
    const patch = patches.deletion as string;
    expect(patch.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length).toBe(21);
    for (const [maxLines, maxChars, first] of sizes) {
      const slices = splitPatch(patch, maxLines, maxChars, first);
      expect(drawnHeaders(slices)).toHaveLength(1);
      expectFaithful(patch, slices, maxLines, first);
    }
  });

  it('keeps a removed block and its replacement, longer than a slice, in one slice', () => {
    const patch = patches.runs as string;
    for (const [maxLines, maxChars, first] of sizes) {
      const slices = splitPatch(patch, maxLines, maxChars, first);
      const withRun = slices.filter((s) => s.text.includes('-  const v0_10 ='));
      expect(withRun).toHaveLength(1);
      expect(withRun[0]?.text).toContain('+  const replaced29_5 =');
      expectFaithful(patch, slices, maxLines, first);
    }
  });

  it('keeps several hunks with their function context, in order', () => {
    const patch = patches.several as string;
    expect(headersOf(patch).length).toBeGreaterThanOrEqual(4);
    expect(headersOf(patch).every((h) => /^@@ .* @@ function section\d\(input: number\): number \{$/.test(h))).toBe(
      true,
    );
    for (const [maxLines, maxChars, first] of sizes)
      expectFaithful(patch, splitPatch(patch, maxLines, maxChars, first), maxLines, first);
  });

  it('cuts a very long run only every longestRun lines', () => {
    for (const name of ['huge', 'big-new']) {
      const patch = patches[name] as string;
      for (const [maxLines, maxChars, first] of sizes) {
        const slices = splitPatch(patch, maxLines, maxChars, first);
        expectFaithful(patch, slices, maxLines, first);
        expect(Math.max(...slices.map((s) => bodyLines([s]).length))).toBe(longestRun.lines);
      }
    }
  });

  it('keeps a new and a deleted file whole', () => {
    for (const name of ['added', 'gone']) {
      const patch = patches[name] as string;
      for (const [maxLines, maxChars, first] of sizes) {
        const slices = splitPatch(patch, maxLines, maxChars, first);
        expect(slices).toHaveLength(1);
        expectFaithful(patch, slices, maxLines, first);
      }
    }
  });
});

describe('runs longer than the longest drawn whole', () => {
  it('cuts them only every longestRun lines, still drawing git hunks and numbers', () => {
    const header2 = 'diff --git a/g.ts b/g.ts\n--- a/g.ts\n+++ b/g.ts\n';
    const removed = Array.from({ length: 250 }, (_, i) => `-old ${i}`);
    const added = Array.from({ length: 260 }, (_, i) => `+new ${i}`);
    const patch = `${header2}@@ -1,253 +1,263 @@ fn\n a\n${[...removed, ...added].join('\n')}\n b\n c\n`;
    const slices = splitPatch(patch, 16, 3_000, 12);
    expectFaithful(patch, slices, 16, 12);
    expect(slices.map((s) => bodyLines([s]).length)).toEqual([1, 200, 200, 110, 2]);
    expect(drawnHeaders(slices)).toEqual(['@@ -1,253 +1,263 @@ fn']);
  });
});

describe('rows a slice is drawn with', () => {
  const slice = {
    text: `${header}@@ -1,4 +1,5 @@\n a\n-b\n-c\n+B\n+C\n+D\n d\n\\ No newline at end of file\n`,
    continued: false,
  };

  it('counts a hunk header, context and every changed line, line by line', () => {
    expect(rowsOfSlice(slice, 'line-by-line')).toBe(1 + 2 + 5);
  });

  it('pairs removed and added lines side by side', () => {
    expect(rowsOfSlice(slice, 'side-by-side')).toBe(1 + 2 + 3);
  });

  it('leaves out the header a continued slice does not draw', () => {
    expect(rowsOfSlice({ ...slice, continued: true }, 'line-by-line')).toBe(2 + 5);
  });

  it('ignores the file header', () => {
    expect(
      rowsOfSlice({ text: `${header}@@ -0,0 +1,1 @@\n+--- not a header\n`, continued: false }, 'line-by-line'),
    ).toBe(2);
  });
});
