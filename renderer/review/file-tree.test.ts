import { describe, expect, it } from 'vitest';
import type { ReviewFile, ReviewSection } from '../../shared/review';
import { fileTreeRows, pathMatcher, type TreeRow } from './file-tree';

function file(path: string, section: ReviewSection = 'committed'): ReviewFile {
  return {
    id: `${section}:${path}`,
    section,
    path,
    oldPath: null,
    kind: 'modified',
    added: 1,
    removed: 0,
    binary: false,
    submodule: false,
    oldMode: null,
    newMode: null,
    version: 'v',
    flags: { outsideOwned: false, forbidden: null, hazard: null },
  } as unknown as ReviewFile;
}

/** Rows as `  name (count)` lines: easy to read in a failing test. */
function outline(rows: readonly TreeRow[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'group') return `[${row.section}] ${row.count}`;
    const indent = '  '.repeat(row.depth);
    return row.kind === 'folder'
      ? `${indent}${row.name}/ ${row.count}${row.collapsed ? ' +' : ''}`
      : `${indent}${row.name}`;
  });
}

const files = [
  file('src/review/ui/pane.tsx'),
  file('src/review/ui/list.tsx'),
  file('src/app.ts'),
  file('README.md'),
  file('docs/guide.md', 'untracked'),
];

describe('fileTreeRows', () => {
  it('nests files under folders, folders first, and compacts single-child folder chains', () => {
    const { rows, matches } = fileTreeRows(files);
    expect(outline(rows)).toEqual([
      '[committed] 4',
      'src/ 3',
      '  review/ui/ 2',
      '    list.tsx',
      '    pane.tsx',
      '  app.ts',
      'README.md',
      '[untracked] 1',
      'docs/ 1',
      '  guide.md',
    ]);
    expect(matches).toBe(5);
  });

  it('hides what is under a collapsed folder, keeping its count', () => {
    const { rows } = fileTreeRows(files, { collapsed: new Set(['committed:src']) });
    expect(outline(rows).slice(0, 3)).toEqual(['[committed] 4', 'src/ 3 +', 'README.md']);
    const inner = fileTreeRows(files, { collapsed: new Set(['committed:src/review/ui']) });
    expect(outline(inner.rows).slice(1, 4)).toEqual(['src/ 3', '  review/ui/ 2 +', '  app.ts']);
  });

  it('filters by substring: only matching files and their folders, with the count of matches', () => {
    const { rows, matches } = fileTreeRows(files, { filter: 'UI/' });
    expect(outline(rows)).toEqual(['[committed] 2', 'src/review/ui/ 2', '  list.tsx', '  pane.tsx']);
    expect(matches).toBe(2);
    expect(fileTreeRows(files, { filter: 'nothing-like-this' })).toEqual({ rows: [], matches: 0 });
  });

  it('filters by glob, against the path or any tail of it from a folder on', () => {
    expect(fileTreeRows(files, { filter: '*.md' }).matches).toBe(2);
    expect(fileTreeRows(files, { filter: '*.tsx' }).matches).toBe(2);
    expect(fileTreeRows(files, { filter: 'src/*.ts' }).matches).toBe(1);
    expect(fileTreeRows(files, { filter: 'ui/*.tsx' }).matches).toBe(2);
    expect(fileTreeRows(files, { filter: 'rc/*.ts' }).matches).toBe(0);
    expect(fileTreeRows(files, { filter: 'src/**/*.tsx' }).matches).toBe(2);
    expect(fileTreeRows(files, { filter: '**/*.ts' }).matches).toBe(1);
  });
});

describe('pathMatcher', () => {
  it('treats ? and [..] as glob characters, and everything else literally', () => {
    expect(pathMatcher('a?c.ts')('x/abc.ts')).toBe(true);
    expect(pathMatcher('[ab].ts')('b.ts')).toBe(true);
    expect(pathMatcher('[ab].ts')('c.ts')).toBe(false);
    expect(pathMatcher('a.b')('axb')).toBe(false);
    expect(pathMatcher('')('anything')).toBe(true);
  });
});
