import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes the prompt for a tool that reads it from a file ({promptFile}). Each launch gets its own
 * private folder (mkdtemp makes it 0700) outside the worktree, so the file is never committed and
 * another user on the machine cannot read it.
 */
export async function writePromptFile(prompt: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-prompt-'));
  const file = path.join(dir, 'prompt.md');
  await writeFile(file, prompt, { encoding: 'utf8', mode: 0o600 });
  return file;
}
