import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { ReviewFile, ReviewSection, ReviewSummary } from '../../shared/review';
import { changelogPathFor } from '../briefs/changelog-path';
import { defaultChangelogPath } from '../../shared/brief';
import { aheadBehind } from '../git/ahead-behind';
import { existsInTree } from '../git/blob-size';
import { branchExists } from '../git/branch';
import { type ChangedFile, changedFiles } from '../git/diff-files';
import { commitLog } from '../git/log';
import { mergeBase, revParse } from '../git/refs';
import { untrackedFiles } from '../git/untracked';
import { folderExists } from '../threads/remove-thread';
import { checkAgainstBrief } from './brief-checks';
import { countLines } from './count-lines';
import { mapLimited } from './map-limited';

/** More files than this in one summary are counted, not listed (an unignored build folder, say). */
export const maxListedFiles = 5000;
const maxCommits = 300;

/** A listed file with what the file reader needs beyond the wire shape (blob ids). */
export interface SummaryFile {
  readonly wire: ReviewFile;
  readonly change: ChangedFile;
}

export interface SummaryResult {
  readonly summary: ReviewSummary;
  readonly files: ReadonlyMap<string, SummaryFile>;
}

export function fileId(section: ReviewSection, filePath: string): string {
  return `${section}:${filePath}`;
}

/**
 * The committed section depends only on the two commits, and its numstat is the one costly git
 * call of a summary (a diff of every file): kept per worktree and commit pair, so a refresh after
 * an edit in the worktree, or opening the pane again, does not pay for it twice.
 */
const committedCache = new Map<string, Promise<ChangedFile[]>>();
const committedCacheSize = 64;

function committedChanges(worktree: string, base: string, head: string): Promise<ChangedFile[]> {
  const key = `${worktree}\0${base}\0${head}`;
  let changes = committedCache.get(key);
  if (!changes) {
    changes = changedFiles(worktree, [base, head], { renames: true });
    committedCache.set(key, changes);
    changes.catch(() => committedCache.delete(key));
    if (committedCache.size > committedCacheSize) committedCache.delete(committedCache.keys().next().value as string);
  }
  return changes;
}

/** Untracked files as changes: counted line by line, as git would for a new file. */
async function untrackedChanges(worktree: string, paths: readonly string[]): Promise<ChangedFile[]> {
  return mapLimited(paths, 8, async (p) => {
    const { lines, binary } = await countLines(path.join(worktree, p));
    return {
      path: p,
      oldPath: null,
      kind: 'added' as const,
      added: lines,
      removed: 0,
      binary,
      oldMode: null,
      newMode: '100644',
      oldBlob: '0'.repeat(40),
      newBlob: '0'.repeat(40),
    };
  });
}

/** What identifies a file's current diff: blob ids, or size and time for the worktree side. */
async function versionOf(worktree: string, section: ReviewSection, change: ChangedFile): Promise<string> {
  const blobs = `${change.oldBlob}..${change.newBlob}:${change.oldMode}:${change.newMode}`;
  if (section === 'committed' || section === 'staged') return blobs;
  const info = await stat(path.join(worktree, change.path)).catch(() => null);
  return `${blobs}:${info ? `${info.size}:${info.mtimeMs}` : 'gone'}`;
}

async function changelogCheck(worktree: string, head: string, relative: string) {
  const text = await readFile(path.join(worktree, relative), 'utf8').catch(() => null);
  return {
    path: relative,
    exists: text !== null,
    nonEmpty: text !== null && text.trim().length > 0,
    committed: await existsInTree(worktree, head, relative),
  };
}

/**
 * Everything the review pane lists for a thread, read from its worktree with a handful of git
 * calls (all through the global git bound): commits, behind/ahead, the changed files of each
 * section with counts and modes, and the checks against the brief. No diff text.
 */
export async function readReviewSummary(thread: Thread, hazardPatterns: readonly string[]): Promise<SummaryResult> {
  const worktree = thread.worktreePath;
  if (!(await folderExists(worktree))) {
    throw new AppError(
      'worktree-missing',
      `The worktree of "${thread.name}" is gone from ${worktree}; its branch ${thread.branch} may still hold its commits.`,
    );
  }
  if (!(await branchExists(worktree, thread.baseBranch))) {
    throw new AppError(
      'base-not-found',
      `The base branch "${thread.baseBranch}" no longer exists, so there is nothing to compare against.`,
    );
  }
  const head = await revParse(worktree, 'HEAD');
  const baseRef = `refs/heads/${thread.baseBranch}`;
  const base = await mergeBase(worktree, baseRef, head);
  const changelogPath = thread.brief ? changelogPathFor(thread.brief, thread.name) : defaultChangelogPath(thread.name);
  const [commits, counts, committed, staged, unstaged, untrackedPaths, changelog] = await Promise.all([
    commitLog(worktree, base, head, maxCommits + 1),
    aheadBehind(worktree, baseRef, head),
    committedChanges(worktree, base, head),
    changedFiles(worktree, ['--cached', 'HEAD'], { renames: true }),
    changedFiles(worktree, [], { renames: false }),
    untrackedFiles(worktree),
    changelogCheck(worktree, head, changelogPath),
  ]);

  const sections: Array<[ReviewSection, ChangedFile[]]> = [
    ['committed', committed],
    ['staged', staged],
    ['unstaged', unstaged],
  ];
  let listed = sections.reduce((n, [, files]) => n + files.length, 0);
  const untrackedListed = untrackedPaths.slice(0, Math.max(0, maxListedFiles - listed));
  sections.push(['untracked', await untrackedChanges(worktree, untrackedListed)]);
  listed += untrackedListed.length;
  const filesOmitted = Math.max(0, listed - maxListedFiles) + (untrackedPaths.length - untrackedListed.length);

  const all = sections.flatMap(([section, files]) => files.map((change) => ({ section, change })));
  const shown = all.slice(0, maxListedFiles);
  const checked = checkAgainstBrief(
    shown.map(({ change }) => change),
    thread.brief,
    hazardPatterns,
    changelogPath,
  );
  const files = new Map<string, SummaryFile>();
  const versions = await mapLimited(shown, 16, ({ section, change }) => versionOf(worktree, section, change));
  shown.forEach(({ section, change }, index) => {
    const id = fileId(section, change.path);
    const wire: ReviewFile = {
      id,
      section,
      path: change.path,
      oldPath: change.oldPath,
      kind: change.kind,
      added: change.added,
      removed: change.removed,
      binary: change.binary,
      submodule: change.oldMode === '160000' || change.newMode === '160000',
      oldMode: change.oldMode,
      newMode: change.newMode,
      version: versions[index] ?? '',
      flags: checked.flagsByPath.get(change.path) ?? { outsideOwned: false, forbidden: null, hazard: null },
    };
    files.set(id, { wire, change });
  });

  const wireFiles = [...files.values()].map((f) => f.wire);
  const stat = {
    files: new Set(wireFiles.map((f) => f.path)).size,
    added: wireFiles.reduce((n, f) => n + f.added, 0),
    removed: wireFiles.reduce((n, f) => n + f.removed, 0),
  };
  const checks = { ...checked.checks, changelog };
  const approvalStale = thread.review.state === 'approved' && thread.review.commit !== head;
  const revision = createHash('sha1')
    .update(JSON.stringify([head, base, counts, wireFiles.map((f) => [f.id, f.version, f.added, f.removed]), checks]))
    .digest('hex')
    .slice(0, 16);
  return {
    summary: {
      threadId: thread.id,
      baseBranch: thread.baseBranch,
      mergeBase: base,
      head,
      revision,
      behind: counts.behind,
      ahead: counts.ahead,
      commits: commits.slice(0, maxCommits),
      commitsTruncated: commits.length > maxCommits,
      stat,
      files: wireFiles,
      filesOmitted,
      checks,
      approvalStale,
      computedAt: new Date().toISOString(),
    },
    files,
  };
}
