import { runGit } from './core';

/** The text of `file` at `commit`, or null when the commit has no such file. */
export async function readFileAt(repo: string, commit: string, file: string): Promise<string | null> {
  const result = await runGit(repo, ['cat-file', 'blob', `${commit}:${file}`], { okExitCodes: [0, 128] });
  return result.exitCode === 0 ? result.stdout : null;
}
