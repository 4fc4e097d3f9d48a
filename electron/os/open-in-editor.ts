import { spawn } from 'node:child_process';
import { AppError } from '../../shared/errors';
import { findExecutable } from '../agents/find-executable';
import { pathExists } from '../fs/path-exists';
import { commandToArgv } from '../review/command-argv';

/** Editors tried, in order, when none is set in Settings: found on PATH. */
export const defaultEditors = ['code', 'cursor'] as const;

export const noEditorFound =
  "No editor found: install VS Code's `code` command (or Cursor's `cursor`) on your PATH, or set an editor command in Settings.";

/** An editor command resolved to a program on disk, and where it came from. */
export interface ResolvedEditor {
  /** The program (an absolute path) and its arguments; the folder is added last. */
  readonly argv: readonly string[];
  readonly source: 'settings' | 'code' | 'cursor' | 'VISUAL' | 'EDITOR';
}

const withoutShell =
  'the editor command runs without a shell. Give the program and its arguments only, e.g. `code --new-window`.';

/** Splits an editor command into argv (quotes group words; shell syntax is refused). */
export function editorArgv(command: string, origin: string): string[] {
  if (/[\r\n]/.test(command)) {
    throw new AppError(
      'invalid-request',
      `The editor command ${origin} spans more than one line; give it on one line.`,
    );
  }
  if (!command.trim()) throw new AppError('invalid-request', `The editor command ${origin} is empty.`);
  return commandToArgv(command, withoutShell);
}

/**
 * Which editor opens a folder: the command set in Settings; else the first of `code`, `cursor`
 * found on PATH; else `$VISUAL`, then `$EDITOR` when their program is found. Nothing runs here.
 */
export async function resolveEditor(
  configured: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedEditor> {
  const searchPath = env.PATH ?? '';
  if (configured !== null && configured.trim()) {
    const [program = '', ...args] = editorArgv(configured, '(Settings)');
    const found = await findExecutable(program, searchPath);
    if (!found) {
      throw new AppError(
        'not-found',
        `The editor "${program}" set in Settings was not found on your PATH. Install it, or change the editor command in Settings.`,
      );
    }
    return { argv: [found, ...args], source: 'settings' };
  }
  for (const name of defaultEditors) {
    const found = await findExecutable(name, searchPath);
    if (found) return { argv: [found], source: name };
  }
  for (const variable of ['VISUAL', 'EDITOR'] as const) {
    const value = env[variable];
    if (!value?.trim()) continue;
    const [program = '', ...args] = editorArgv(value, `in $${variable}`);
    const found = await findExecutable(program, searchPath);
    if (found) return { argv: [found, ...args], source: variable };
  }
  throw new AppError('not-found', noEditorFound);
}

/**
 * Opens `folder` in the user's editor: the program runs detached with argv (no shell), the
 * folder as its last argument, and is left running. Resolves once the program has started.
 */
export async function openInEditor(
  folder: string,
  configured: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ argv: string[] }> {
  if (!(await pathExists(folder))) {
    throw new AppError('worktree-missing', `The folder ${folder} is missing from disk; there is nothing to open.`);
  }
  const editor = await resolveEditor(configured, env);
  const argv = [...editor.argv, folder];
  await startDetached(argv, folder, env);
  return { argv };
}

/** Starts a program that outlives the request (and the app): no shell, no stdio, not waited for. */
export function startDetached(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, detached: true, stdio: 'ignore', windowsHide: false });
    child.once('error', (error) =>
      reject(new AppError('internal', `Could not start ${program}: ${error.message}. Check that it can run.`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
