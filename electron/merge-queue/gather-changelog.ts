import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangelogSettings } from '../../shared/merge-queue';
import { commitPaths } from '../git/commit';
import { readFileAt } from '../git/read-blob';

export interface LandedFragments {
  readonly branch: string;
  /** Fragment paths the entry brought, in the order to gather them. */
  readonly paths: readonly string[];
}

/**
 * Puts `fragments` (already in landing order) right under `heading` in a changelog's text,
 * creating the heading (under a leading `# Title`, if any) or the whole file when missing.
 */
export function insertFragments(changelog: string | null, heading: string, fragments: readonly string[]): string {
  const block = fragments
    .map((f) => f.trim())
    .filter(Boolean)
    .join('\n');
  if (changelog === null) return `# Changelog\n\n${heading}\n\n${block}\n`;
  const lines = changelog.split('\n');
  const at = lines.findIndex((line) => line.trim() === heading.trim());
  if (at >= 0) {
    const rest = lines.slice(at + 1);
    while (rest[0]?.trim() === '') rest.shift();
    return [...lines.slice(0, at + 1), '', block, ...(rest.length ? ['', ...rest] : [''])].join('\n');
  }
  const titled = lines[0]?.startsWith('# ') ? 1 : 0;
  const rest = lines.slice(titled);
  while (rest[0]?.trim() === '') rest.shift();
  return [...lines.slice(0, titled), ...(titled ? [''] : []), heading, '', block, '', ...rest].join('\n');
}

/**
 * In the integration worktree (checked out, clean, at `head`): gathers the landed entries'
 * changelog fragments into the changelog in landing order and removes them, in one commit.
 * Returns that commit, or null when no entry brought a fragment.
 */
export async function gatherChangelog(
  worktree: string,
  head: string,
  settings: ChangelogSettings,
  landed: readonly LandedFragments[],
): Promise<string | null> {
  const texts: string[] = [];
  const gathered: string[] = [];
  for (const entry of landed) {
    for (const fragment of entry.paths) {
      if (fragment === settings.file || gathered.includes(fragment)) continue;
      const text = await readFileAt(worktree, head, fragment);
      if (text === null || !text.trim()) continue;
      texts.push(text);
      gathered.push(fragment);
    }
  }
  if (gathered.length === 0) return null;
  const file = path.join(worktree, settings.file);
  const current = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, insertFragments(current, settings.heading, texts));
  const branches = landed.filter((e) => e.paths.some((p) => gathered.includes(p))).map((e) => e.branch);
  return commitPaths(
    worktree,
    [settings.file],
    gathered,
    `Gather changelog fragments into ${settings.file}\n\nFrom, in landing order: ${branches.join(', ')}`,
  );
}
