import { describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../shared/review-comments';
import {
  anchorKeyOf,
  anchorsOfRow,
  commentsOfFile,
  findAnchorRow,
  isOutdated,
  type RowNumbers,
} from './inline-anchors';
import { readPatchLines } from './patch-lines';

// The hunk `@@ -1,4 +1,4 @@`: line 1 kept, line 2 replaced, line 3 removed, a line added, line 4 kept.
const patch = [
  'diff --git a/price.ts b/price.ts',
  '--- a/price.ts',
  '+++ b/price.ts',
  '@@ -1,4 +1,4 @@',
  ' export function price(cents: number) {',
  '-  return cents / 100;',
  '-  // cents',
  '+  return Math.round(cents) / 100;',
  '+  // rounded',
  ' }',
].join('\n');

const header: RowNumbers = { old: null, new: null };
/** What diff2html draws line by line: a header row, then one row per line. */
const unified: RowNumbers[] = [
  header,
  { old: 1, new: 1 },
  { old: 2, new: null },
  { old: 3, new: null },
  { old: null, new: 2 },
  { old: null, new: 3 },
  { old: 4, new: 4 },
];
/** Side by side: the removed and added lines paired, one table per side. */
const split: RowNumbers[][] = [
  [header, { old: 1, new: null }, { old: 2, new: null }, { old: 3, new: null }, { old: 4, new: null }],
  [header, { old: null, new: 1 }, { old: null, new: 2 }, { old: null, new: 3 }, { old: null, new: 4 }],
];

function comment(side: 'old' | 'new', startLine: number, endLine: number, quote: string[]) {
  return { side, startLine, endLine, quote };
}

describe('inline comment placement', () => {
  it('anchors a comment under the last line of its range, on its side', () => {
    expect(anchorKeyOf(comment('new', 1, 3, []))).toBe('new:3');
    expect(anchorKeyOf(comment('old', 2, 2, []))).toBe('old:2');
  });

  it('line by line: a new-side line, a removed line, and a context line by either number', () => {
    expect(findAnchorRow([unified], 'line-by-line', 'new:2')).toEqual({ table: 0, row: 4 });
    // The removed line 3, not the added line 3.
    expect(findAnchorRow([unified], 'line-by-line', 'old:3')).toEqual({ table: 0, row: 3 });
    expect(findAnchorRow([unified], 'line-by-line', 'new:3')).toEqual({ table: 0, row: 5 });
    expect(findAnchorRow([unified], 'line-by-line', 'old:4')).toEqual({ table: 0, row: 6 });
    expect(findAnchorRow([unified], 'line-by-line', 'new:4')).toEqual({ table: 0, row: 6 });
    // A range 1-3 on the new side sits under its last line.
    expect(findAnchorRow([unified], 'line-by-line', anchorKeyOf(comment('new', 1, 3, [])))).toEqual({
      table: 0,
      row: 5,
    });
    expect(findAnchorRow([unified], 'line-by-line', 'new:9')).toBeNull();
  });

  it('side by side: the old side in the left table, the new side in the right', () => {
    expect(findAnchorRow(split, 'side-by-side', 'old:3')).toEqual({ table: 0, row: 3 });
    expect(findAnchorRow(split, 'side-by-side', 'new:3')).toEqual({ table: 1, row: 3 });
    expect(findAnchorRow(split, 'side-by-side', anchorKeyOf(comment('new', 1, 3, [])))).toEqual({
      table: 1,
      row: 3,
    });
    expect(findAnchorRow(split, 'side-by-side', 'old:9')).toBeNull();
  });

  it('a row carries the anchors of the numbers it shows; a hunk header none', () => {
    expect(anchorsOfRow({ old: 4, new: 4 })).toEqual(['old:4', 'new:4']);
    expect(anchorsOfRow({ old: 2, new: null })).toEqual(['old:2']);
    expect(anchorsOfRow(header)).toEqual([]);
  });
});

describe('outdated comments', () => {
  const lines = readPatchLines(patch);
  it('is current while its lines are in the diff and read as it quoted them', () => {
    expect(isOutdated(comment('new', 2, 3, ['  return Math.round(cents) / 100;', '  // rounded']), lines)).toBe(false);
    expect(isOutdated(comment('old', 3, 3, ['  // cents']), lines)).toBe(false);
  });
  it('is outdated when a line is no longer in the diff, or reads differently', () => {
    expect(isOutdated(comment('new', 4, 5, ['}', 'x']), lines)).toBe(true);
    expect(isOutdated(comment('new', 2, 2, ['  return cents / 100;']), lines)).toBe(true);
  });
  it('belongs to the file of its section and path', () => {
    const comments = [
      { section: 'committed', path: 'a.ts' },
      { section: 'unstaged', path: 'a.ts' },
    ] as ReviewComment[];
    expect(commentsOfFile(comments, 'committed:a.ts')).toEqual([comments[0]]);
  });
});
