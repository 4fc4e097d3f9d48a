import { describe, expect, it } from 'vitest';
import { parseStatus } from './worktree-status';

const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const c = 'c'.repeat(40);
const zero = '0'.repeat(40);

describe('parseStatus', () => {
  it('splits staged, unstaged and untracked changes, keeping paths with spaces whole', () => {
    const out = [
      `1 MM N... 100644 100644 100644 ${a} ${b} src/two words.ts`,
      `1 .D N... 100644 100644 000000 ${a} ${a} gone.txt`,
      `1 A. N... 000000 100755 100755 ${zero} ${c} run.sh`,
      '? new folder/untracked file.txt',
      '',
    ].join('\0');
    const status = parseStatus(out);
    expect(status.staged).toEqual([
      {
        path: 'src/two words.ts',
        oldPath: null,
        kind: 'modified',
        oldMode: '100644',
        newMode: '100644',
        oldBlob: a,
        newBlob: b,
      },
      { path: 'run.sh', oldPath: null, kind: 'added', oldMode: null, newMode: '100755', oldBlob: zero, newBlob: c },
    ]);
    expect(status.unstaged).toEqual([
      {
        path: 'src/two words.ts',
        oldPath: null,
        kind: 'modified',
        oldMode: '100644',
        newMode: '100644',
        oldBlob: b,
        newBlob: zero,
      },
      { path: 'gone.txt', oldPath: null, kind: 'deleted', oldMode: '100644', newMode: null, oldBlob: a, newBlob: zero },
    ]);
    expect(status.untracked).toEqual(['new folder/untracked file.txt']);
  });

  it('reads staged renames and copies with their old path, and conflicts into both sections', () => {
    const out = [
      `2 C. N... 100644 100644 100644 ${a} ${a} C100 copy of.txt`,
      'source.txt',
      `2 RM N... 100644 100644 100644 ${a} ${b} R087 renamed.txt`,
      'old name.txt',
      `u UU N... 100644 100644 100644 100644 ${a} ${b} ${c} conflict.txt`,
      '',
    ].join('\0');
    const status = parseStatus(out);
    expect(status.staged.map((f) => [f.kind, f.oldPath, f.path])).toEqual([
      ['copied', 'source.txt', 'copy of.txt'],
      ['renamed', 'old name.txt', 'renamed.txt'],
      ['modified', null, 'conflict.txt'],
    ]);
    expect(status.staged[2]).toMatchObject({ oldMode: '100644', oldBlob: b });
    expect(status.unstaged.map((f) => [f.kind, f.oldPath, f.path])).toEqual([
      ['modified', null, 'renamed.txt'],
      ['modified', null, 'conflict.txt'],
    ]);
    expect(status.untracked).toEqual([]);
  });
});
