import { mkdir, readFile, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { exitCodes, StepFailure } from './exit-codes';
import { relativePathProblem } from './scenario';

/**
 * Resolves a scenario path inside the working folder. Checked again at run time (not only by
 * the schema) because scenarios built in code skip the schema, and placeholders are filled late.
 */
export function resolveInside(cwd: string, relativePath: string): string {
  const problem = relativePathProblem(relativePath);
  const root = path.resolve(cwd);
  const target = path.resolve(root, relativePath);
  const fromRoot = path.relative(root, target);
  if (problem || fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    throw new StepFailure(
      `Refusing to touch ${problem ?? `"${relativePath}"`}: scenario paths must stay inside ${root}.`,
      exitCodes.badScenario,
    );
  }
  return target;
}

export async function writeWorkspaceFile(cwd: string, relativePath: string, content: string): Promise<void> {
  const target = resolveInside(cwd, relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content, 'utf8');
}

export async function appendWorkspaceFile(cwd: string, relativePath: string, content: string): Promise<void> {
  const target = resolveInside(cwd, relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await appendFile(target, content, 'utf8');
}

/** Replaces the first occurrence of `find`; a missing file or missing text is a failure, not a no-op. */
export async function editWorkspaceFile(
  cwd: string,
  relativePath: string,
  find: string,
  replace: string,
): Promise<void> {
  const target = resolveInside(cwd, relativePath);
  const before = await readExisting(target, relativePath, 'edit');
  const at = before.indexOf(find);
  if (at === -1)
    throw new StepFailure(`Cannot edit ${relativePath}: the text to replace was not found: ${JSON.stringify(find)}`);
  await writeFile(target, before.slice(0, at) + replace + before.slice(at + find.length), 'utf8');
}

/** Sets line `lineNumber` (1-based), creating the file or padding it with empty lines as needed. */
export async function replaceWorkspaceLine(
  cwd: string,
  relativePath: string,
  lineNumber: number,
  text: string,
): Promise<void> {
  const target = resolveInside(cwd, relativePath);
  let before = '';
  try {
    before = await readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(target), { recursive: true });
  }
  // Keep the file's own line ending so the change is exactly one line in a diff.
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const lines = before === '' ? [] : before.split(/\r?\n/);
  const hadFinalNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (hadFinalNewline) lines.pop();
  while (lines.length < lineNumber) lines.push('');
  lines[lineNumber - 1] = text;
  await writeFile(target, lines.join(eol) + (hadFinalNewline || before === '' ? eol : ''), 'utf8');
}

async function readExisting(target: string, relativePath: string, verb: string): Promise<string> {
  try {
    return await readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StepFailure(`Cannot ${verb} ${relativePath}: the file does not exist.`);
    throw error;
  }
}
