import { describe, expect, it } from 'vitest';
import { rowsOfSlice, splitPatch } from './patch-slices';
import { quoteLines, readPatchLines } from './patch-lines';

const header = 'diff --git a/f.ts b/f.ts\nindex 1..2 100644\n--- a/f.ts\n+++ b/f.ts\n';

describe('splitting a file diff into slices', () => {
  it('cuts a new 10-line file into valid pieces that keep their line numbers', () => {
    const body = Array.from({ length: 10 }, (_, i) => `+line ${i + 1}`).join('\n');
    const slices = splitPatch(`${header}@@ -0,0 +1,10 @@\n${body}\n`, 4);
    expect(slices.length).toBe(4);
    expect(slices.every((s) => s.startsWith(header))).toBe(true);
    expect(slices[0]).toContain('@@ -0,0 +1,3 @@');
    expect(slices[1]).toContain('@@ -0,0 +4,3 @@');
    const all = slices.map((s) => readPatchLines(s));
    expect(all[1]?.new.get(4)).toBe('line 4');
    expect(all[3]?.new.get(10)).toBe('line 10');
  });

  it('keeps old and new numbering across a cut in a mixed hunk', () => {
    const patch = `${header}@@ -10,5 +10,5 @@ ctx\n a\n-b\n+B\n c\n-d\n+D\n e\n`;
    const slices = splitPatch(patch, 4);
    const lines = slices.map(readPatchLines);
    const old = new Map(lines.flatMap((l) => [...l.old]));
    const fresh = new Map(lines.flatMap((l) => [...l.new]));
    expect([...old]).toEqual([...readPatchLines(patch).old]);
    expect([...fresh]).toEqual([...readPatchLines(patch).new]);
  });

  it('makes the first slice smaller when asked, then cuts at the usual size', () => {
    const body = Array.from({ length: 20 }, (_, i) => `+line ${i + 1}`).join('\n');
    const slices = splitPatch(`${header}@@ -0,0 +1,20 @@\n${body}\n`, 8, Number.MAX_SAFE_INTEGER, 3);
    expect(slices[0]).toContain('@@ -0,0 +1,2 @@');
    expect(slices[1]).toContain('@@ -0,0 +3,7 @@');
    const numbered = new Map(slices.flatMap((s) => [...readPatchLines(s).new]));
    expect(numbered.size).toBe(20);
    expect(numbered.get(20)).toBe('line 20');
  });

  it('leaves a small or hunkless diff whole', () => {
    const small = `${header}@@ -1 +1 @@\n-a\n+b\n`;
    expect(splitPatch(small, 100)).toEqual([`${header}@@ -1,1 +1,1 @@\n-a\n+b\n`]);
    const binary = 'diff --git a/x b/x\nBinary files a/x and b/x differ\n';
    expect(splitPatch(binary, 100)).toEqual([binary]);
  });

  it('quotes a range of lines from one side', () => {
    const lines = readPatchLines(`${header}@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n`);
    expect(quoteLines(lines, 'new', 1, 3)).toEqual(['one', 'TWO', 'three']);
    expect(quoteLines(lines, 'old', 2, 2)).toEqual(['two']);
  });
});

describe('rows a slice is drawn with', () => {
  const patch = `${header}@@ -1,4 +1,5 @@\n a\n-b\n-c\n+B\n+C\n+D\n d\n\\ No newline at end of file\n`;

  it('counts a hunk header, context and every changed line, line by line', () => {
    expect(rowsOfSlice(patch, 'line-by-line')).toBe(1 + 2 + 5);
  });

  it('pairs removed and added lines side by side', () => {
    expect(rowsOfSlice(patch, 'side-by-side')).toBe(1 + 2 + 3);
  });

  it('ignores the file header', () => {
    expect(rowsOfSlice(`${header}@@ -0,0 +1,1 @@\n+--- not a header\n`, 'line-by-line')).toBe(2);
  });
});
