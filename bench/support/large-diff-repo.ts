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
 * Files on the base branch that the change rewrites in part: a run of `replacedRun` lines
 * replaced by as many (changed words in each), far longer than a slice — drawn whole, as one
 * block, so each removed line is paired with its replacement.
 */
const replaced = { files: 20, lines: 160, from: 30, run: 100 };

function replacedPath(root: string, index: number): string {
  return path.join(root, 'src', 'replaced', `file-${String(index).padStart(2, '0')}.ts`);
}

function replacedText(index: number, changed: boolean): string {
  return `${Array.from({ length: replaced.lines }, (_, line) =>
    changed && line >= replaced.from && line < replaced.from + replaced.run
      ? sourceLine(index, line).replace('computeSomething', 'computeOther').replace('// note', '// changed')
      : sourceLine(index, line),
  ).join('\n')}\n`;
}

/** Commits on the base branch the files the large change rewrites in part (before the thread is made). */
export async function writeLargeDiffBase(repo: string): Promise<void> {
  await mkdir(path.dirname(replacedPath(repo, 0)), { recursive: true });
  for (let i = 0; i < replaced.files; i++) await writeFile(replacedPath(repo, i), replacedText(i, false));
  await commitAll(repo, 'Files the large change rewrites');
}

/**
 * Commits on the thread's branch: `files` changed files with `lines` changed lines in all —
 * new TypeScript files, 20 files of the base with a run of 100 lines replaced (`writeLargeDiffBase`
 * first), one 5 MB file (counted in both totals) and one binary.
 */
export async function writeLargeDiff(worktree: string, shape: LargeDiffShape): Promise<void> {
  for (let i = 0; i < replaced.files; i++) await writeFile(replacedPath(worktree, i), replacedText(i, true));
  const ordinary = shape.files - 2 - replaced.files;
  const ordinaryLines = shape.lines - bigFileLines - replaced.files * replaced.run * 2;
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
