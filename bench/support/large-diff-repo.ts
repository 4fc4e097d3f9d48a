import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitAll } from '../../electron/test-support/temp-repo';

export interface LargeDiffShape {
  readonly files: number;
  readonly lines: number;
}

/** Lines of the 5 MB file: long ones (2,500 characters), so it also exercises the per-line cap. */
const bigFileLines = 2000;
const bigLineChars = 2500;

function sourceLine(file: number, line: number): string {
  return `export const value_${file}_${line} = computeSomething(${line}, "file ${file}") + ${line * 7}; // note`;
}

/**
 * Commits on the thread's branch: `files` changed files with `lines` changed lines in all —
 * ordinary TypeScript files, one 5 MB file (counted in both totals) and one binary.
 */
export async function writeLargeDiff(worktree: string, shape: LargeDiffShape): Promise<void> {
  const ordinary = shape.files - 2;
  const ordinaryLines = shape.lines - bigFileLines;
  const perFile = Math.floor(ordinaryLines / ordinary);
  const extra = ordinaryLines - perFile * ordinary;
  for (let i = 0; i < ordinary; i++) {
    const folder = path.join(worktree, 'src', `module-${String(Math.floor(i / 50)).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    const count = perFile + (i < extra ? 1 : 0);
    const text = Array.from({ length: count }, (_, line) => sourceLine(i, line)).join('\n');
    await writeFile(path.join(folder, `file-${String(i).padStart(4, '0')}.ts`), `${text}\n`);
  }
  const bigLine = 'x'.repeat(bigLineChars - 1);
  await writeFile(
    path.join(worktree, 'zz-big.txt'),
    `${Array.from({ length: bigFileLines }, () => bigLine).join('\n')}\n`,
  );
  await writeFile(path.join(worktree, 'zz-image.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)));
  await commitAll(worktree, 'A large change');
}
