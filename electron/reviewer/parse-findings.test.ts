import { describe, expect, it } from 'vitest';
import { findingsForDiff } from '../demo-agent/review-diff';
import { diffLines } from './diff-lines';
import { parseFindings } from './parse-findings';

const patch = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,4 @@
 const a = 1;
-const b = 2;
+const b = 3;
+console.log(b);
 export { a };
diff --git a/gone.ts b/gone.ts
deleted file mode 100644
--- a/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-x
`;

describe('diffLines', () => {
  it('keeps the new side of each hunk (added and context lines) by line number', () => {
    const lines = diffLines(patch);
    expect([...(lines.get('src/a.ts') ?? new Map()).entries()]).toEqual([
      [1, 'const a = 1;'],
      [2, 'const b = 3;'],
      [3, 'console.log(b);'],
      [4, 'export { a };'],
    ]);
    expect(lines.has('gone.ts')).toBe(false);
  });
});

describe('parseFindings', () => {
  const lines = diffLines(patch);

  it('takes one JSON finding a line on a line of the diff, with its severity, path and line', () => {
    const output = [
      '{"severity":"blocking","path":"src/a.ts","line":3,"message":"Debug print left in."}',
      '  {"severity":"note","path":"./src/a.ts","line":1,"message":"Fine."}  ',
    ].join('\n');
    expect(parseFindings(output, lines)).toEqual({
      findings: [
        { severity: 'blocking', path: 'src/a.ts', line: 3, message: 'Debug print left in.' },
        { severity: 'note', path: 'src/a.ts', line: 1, message: 'Fine.' },
      ],
      leftovers: [],
    });
  });

  it('keeps every other line (bad JSON, wrong severity, a path or line off the diff, prose) as a leftover', () => {
    const output = [
      'Looking at the diff…',
      '{"severity":"blocking","path":"src/a.ts","line":3,"message":"x"',
      '{"severity":"fatal","path":"src/a.ts","line":3,"message":"x"}',
      '{"severity":"warning","path":"src/other.ts","line":1,"message":"x"}',
      '{"severity":"warning","path":"src/a.ts","line":9,"message":"x"}',
      '',
      '```json',
    ].join('\n');
    const parsed = parseFindings(output, lines);
    expect(parsed.findings).toEqual([]);
    expect(parsed.leftovers).toHaveLength(5);
  });
});

describe("the demo agent's review", () => {
  it('blocks a TODO or console.log line and notes each changed file, by new line number', () => {
    const zeroContext = `diff --git a/src/a.ts b/src/a.ts
--- a/src/a.ts
+++ b/src/a.ts
@@ -2 +2,2 @@
-const b = 2;
+const b = 3; // TODO
+console.log(b);
`;
    expect(findingsForDiff(zeroContext)).toEqual([
      { severity: 'note', path: 'src/a.ts', line: 2, message: 'The demo reviewer read src/a.ts.' },
      expect.objectContaining({ severity: 'blocking', path: 'src/a.ts', line: 2 }),
      expect.objectContaining({ severity: 'blocking', path: 'src/a.ts', line: 3 }),
    ]);
  });
});
