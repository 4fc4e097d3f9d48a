import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Brief } from '../../shared/brief';
import type { Thread } from '../../shared/models';
import { changelogPathFor } from './changelog-path';
import { ignoreInEveryWorktree } from '../git/exclude';

/** Folder inside each worktree that holds Switchyard's files for the agent; never tracked. */
export const briefFolderName = '.switchyard';

/** What `<worktree>/.switchyard/brief.json` holds: the brief and the thread it belongs to. */
export interface BriefFile {
  readonly version: 1;
  readonly thread: {
    readonly id: string;
    readonly name: string;
    readonly branch: string;
    readonly baseBranch: string;
  };
  readonly brief: Brief;
  /** The changelog fragment path with its default filled in. */
  readonly changelogPath: string;
  readonly createdAt: string;
}

/**
 * Saves the thread's brief inside its worktree — `.switchyard/brief.json` (structured) and
 * `.switchyard/brief.md` (the rendered first prompt) — where the agent can re-read it, and makes
 * git ignore the folder first so the worktree never shows them as untracked changes.
 */
export async function writeBriefIntoWorktree(repo: string, thread: Thread, renderedPrompt: string): Promise<void> {
  if (!thread.brief) return;
  await ignoreInEveryWorktree(repo, `/${briefFolderName}/`);
  const folder = path.join(thread.worktreePath, briefFolderName);
  await mkdir(folder, { recursive: true });
  const file: BriefFile = {
    version: 1,
    thread: { id: thread.id, name: thread.name, branch: thread.branch, baseBranch: thread.baseBranch },
    brief: thread.brief,
    changelogPath: changelogPathFor(thread.brief, thread.name),
    createdAt: thread.createdAt,
  };
  await writeFile(path.join(folder, 'brief.json'), `${JSON.stringify(file, null, 2)}\n`);
  await writeFile(
    path.join(folder, 'brief.md'),
    renderedPrompt.endsWith('\n') ? renderedPrompt : `${renderedPrompt}\n`,
  );
}
