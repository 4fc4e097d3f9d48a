import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { maxListedCommits, maxListedFiles } from '../../shared/limits';
import type { Thread } from '../../shared/models';
import type { ReviewDetails, ReviewFile, ReviewSection, ReviewSummary } from '../../shared/review';
import { changelogPathFor } from '../briefs/changelog-path';
import { defaultChangelogPath } from '../../shared/brief';
import { aheadBehind } from '../git/ahead-behind';
import { existsInTree } from '../git/blob-size';
import { type NumstatEntry, type RawEntry, numstatChanges, rawChanges } from '../git/diff-files';
import { headAndBase } from '../git/head-and-base';
import { commitLog } from '../git/log';
import { mergeBase } from '../git/refs';
import { worktreeStatus } from '../git/worktree-status';
import { pathExists } from '../fs/path-exists';
import { checkAgainstBrief } from './brief-checks';
import { countLines } from './count-lines';
import { mapLimited } from './map-limited';

/** A listed file with what the file reader needs beyond the wire shape (blob ids). */
export interface SummaryFile {
  readonly wire: ReviewFile;
  readonly change: RawEntry;
}

export interface SummaryResult {
  readonly summary: ReviewSummary;
  /** The commit the base branch pointed at: committed diffs are `base...head` (from their merge base). */
  readonly base: string;
  readonly files: ReadonlyMap<string, SummaryFile>;
}

/**
 * A summary in two steps: the list as soon as git has listed the files (`detailsPending`), and the
 * complete summary once git has counted every file's lines and read the commits, behind/ahead
 * and the changelog fragment. The second step's git calls start only when it is first asked for:
 * a window asks once it has drawn the list and its first diffs, so the costliest git calls (a
 * numstat of every file) never compete with what the dispatcher is waiting to see, and a refresh
 * nobody looks at costs only the list.
 */
export interface SummaryReading {
  readonly list: SummaryResult;
  complete(): Promise<SummaryResult>;
}

export function fileId(section: ReviewSection, filePath: string): string {
  return `${section}:${filePath}`;
}

const zeroBlob = '0'.repeat(40);
const comparisons = {
  staged: { args: ['--cached', 'HEAD'], renames: true },
  unstaged: { args: [], renames: false },
} as const;

/**
 * The committed section depends only on the two commits, and its numstat is the one costly git
 * call of a summary (a diff of every file): both listings are kept per worktree and commit pair,
 * so a refresh after an edit in the worktree, or opening the pane again, does not pay twice.
 */
interface CommittedListings {
  readonly raw: Promise<RawEntry[]>;
  numstat: Promise<NumstatEntry[]> | null;
}
const committedCache = new Map<string, CommittedListings>();
const committedCacheSize = 64;

/** `base...head`: what the branch changed since it left the base (git diffs from their merge base). */
function committedListings(worktree: string, base: string, head: string): CommittedListings {
  const key = `${worktree}\0${base}\0${head}`;
  let listings = committedCache.get(key);
  if (!listings) {
    const raw = rawChanges(worktree, [`${base}...${head}`], { renames: true });
    listings = { raw, numstat: null };
    committedCache.set(key, listings);
    raw.catch(() => committedCache.delete(key));
    if (committedCache.size > committedCacheSize) committedCache.delete(committedCache.keys().next().value as string);
  }
  return listings;
}

function committedNumstat(worktree: string, base: string, head: string, listings: CommittedListings) {
  if (!listings.numstat) {
    const numstat = numstatChanges(worktree, [`${base}...${head}`], { renames: true });
    listings.numstat = numstat;
    numstat.catch(() => {
      if (listings.numstat === numstat) listings.numstat = null;
    });
  }
  return listings.numstat;
}

/** Untracked files as changes: new files with no blob yet. */
function untrackedChange(p: string): RawEntry {
  return {
    path: p,
    oldPath: null,
    kind: 'added',
    oldMode: null,
    newMode: '100644',
    oldBlob: zeroBlob,
    newBlob: zeroBlob,
  };
}

/** What identifies a file's current diff: blob ids, or size and time for the worktree side. */
async function versionOf(worktree: string, section: ReviewSection, change: RawEntry): Promise<string> {
  const blobs = `${change.oldBlob}..${change.newBlob}:${change.oldMode}:${change.newMode}`;
  const info =
    section === 'committed' || section === 'staged'
      ? null
      : await stat(path.join(worktree, change.path)).catch(() => null);
  const version =
    section === 'committed' || section === 'staged'
      ? blobs
      : `${blobs}:${info ? `${info.size}:${info.mtimeMs}` : 'gone'}`;
  // Only ever compared: a short digest keeps a list of thousands of files small on the wire.
  return createHash('sha1').update(version).digest('hex').slice(0, 16);
}

async function changelogCheck(worktree: string, head: string, relative: string) {
  const [text, committed] = await Promise.all([
    readFile(path.join(worktree, relative), 'utf8').catch(() => null),
    existsInTree(worktree, head, relative),
  ]);
  return { path: relative, exists: text !== null, nonEmpty: text !== null && text.trim().length > 0, committed };
}

type Counted = Pick<NumstatEntry, 'added' | 'removed' | 'binary'>;

/** Changelog state while it is not read yet (the summary says `detailsPending`). */
function pendingChangelog(relative: string) {
  return { path: relative, exists: false, nonEmpty: false, committed: false };
}

/**
 * Everything the review pane lists for a thread, read from its worktree with a handful of git
 * calls (all through the global git bound): first the changed files of each section with kinds,
 * modes and the checks against the brief; then, when asked, each file's added/removed lines, the
 * commits, behind/ahead and the changelog check. No diff text.
 */
export async function readReviewSummary(thread: Thread, hazardPatterns: readonly string[]): Promise<SummaryReading> {
  const worktree = thread.worktreePath;
  if (!(await pathExists(worktree))) {
    throw new AppError(
      'worktree-missing',
      `The worktree of "${thread.name}" is gone from ${worktree}; its branch ${thread.branch} may still hold its commits.`,
    );
  }
  // What is not committed does not depend on the commits: listed while they are read.
  const uncommittedListing = worktreeStatus(worktree);
  uncommittedListing.catch(() => undefined);
  const { head, base: baseTip } = await headAndBase(worktree, thread.baseBranch);
  const changelogPath = thread.brief ? changelogPathFor(thread.brief, thread.name) : defaultChangelogPath(thread.name);
  const committed = committedListings(worktree, baseTip, head);

  const list = await readList();
  let complete: Promise<SummaryResult> | null = null;
  return { list, complete: () => (complete ??= readDetails(list)) };

  async function readList(): Promise<SummaryResult> {
    const [committedFiles, uncommitted] = await Promise.all([committed.raw, uncommittedListing]);
    const { staged: stagedFiles, unstaged: unstagedFiles, untracked: untrackedPaths } = uncommitted;
    const sections: Array<[ReviewSection, RawEntry[]]> = [
      ['committed', committedFiles],
      ['staged', stagedFiles],
      ['unstaged', unstagedFiles],
    ];
    let listed = sections.reduce((n, [, files]) => n + files.length, 0);
    const untrackedListed = untrackedPaths.slice(0, Math.max(0, maxListedFiles - listed));
    sections.push(['untracked', untrackedListed.map(untrackedChange)]);
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
        added: null,
        removed: null,
        binary: null,
        submodule: change.oldMode === '160000' || change.newMode === '160000',
        oldMode: change.oldMode,
        newMode: change.newMode,
        version: versions[index] ?? '',
        flags: checked.flagsByPath.get(change.path) ?? { outsideOwned: false, forbidden: null, hazard: null },
      };
      files.set(id, { wire, change });
    });

    const wireFiles = [...files.values()].map((f) => f.wire);
    const approvalStale = thread.review.state === 'approved' && thread.review.commit !== head;
    // The details are not part of it: they follow from the commits and file versions that are.
    const revision = createHash('sha1')
      .update(JSON.stringify([head, baseTip, wireFiles.map((f) => [f.id, f.version]), checked.checks]))
      .digest('hex')
      .slice(0, 16);
    return {
      summary: {
        threadId: thread.id,
        baseBranch: thread.baseBranch,
        mergeBase: null,
        head,
        revision,
        behind: 0,
        ahead: 0,
        commits: [],
        commitsTruncated: false,
        stat: { files: new Set(wireFiles.map((f) => f.path)).size, added: null, removed: null },
        files: wireFiles,
        detailsPending: true,
        filesOmitted,
        checks: { ...checked.checks, changelog: pendingChangelog(changelogPath) },
        approvalStale,
        computedAt: new Date().toISOString(),
      },
      base: baseTip,
      files,
    };
  }

  async function readDetails(result: SummaryResult): Promise<SummaryResult> {
    const untrackedPaths = result.summary.files.filter((f) => f.section === 'untracked').map((f) => f.path);
    const [
      mergeBaseCommit,
      commits,
      counts,
      changelog,
      committedCounts,
      stagedCounts,
      unstagedCounts,
      untrackedCounts,
    ] = await Promise.all([
      mergeBase(worktree, baseTip, head),
      commitLog(worktree, baseTip, head, maxListedCommits + 1),
      aheadBehind(worktree, baseTip, head),
      changelogCheck(worktree, head, changelogPath),
      committedNumstat(worktree, baseTip, head, committed),
      numstatChanges(worktree, comparisons.staged.args, comparisons.staged),
      numstatChanges(worktree, comparisons.unstaged.args, comparisons.unstaged),
      // Counted from the disk as git would count a new file, without a git process per file.
      mapLimited(untrackedPaths, 8, (p) => countLines(path.join(worktree, p))),
    ]);
    const bySection: Record<ReviewSection, Map<string, Counted>> = {
      committed: new Map(committedCounts.map((entry) => [entry.path, entry])),
      staged: new Map(stagedCounts.map((entry) => [entry.path, entry])),
      unstaged: new Map(unstagedCounts.map((entry) => [entry.path, entry])),
      untracked: new Map(
        untrackedPaths.map((p, i) => {
          const { lines = 0, binary = false } = untrackedCounts[i] ?? {};
          return [p, { added: binary ? 0 : lines, removed: 0, binary }];
        }),
      ),
    };
    const files = new Map<string, SummaryFile>();
    for (const [id, file] of result.files) {
      const count = bySection[file.wire.section].get(file.wire.path);
      const wire = {
        ...file.wire,
        added: count?.added ?? 0,
        removed: count?.removed ?? 0,
        binary: count?.binary ?? false,
      };
      files.set(id, { wire, change: file.change });
    }
    const wireFiles = [...files.values()].map((f) => f.wire);
    return {
      summary: {
        ...result.summary,
        mergeBase: mergeBaseCommit,
        files: wireFiles,
        detailsPending: false,
        stat: {
          files: result.summary.stat.files,
          added: wireFiles.reduce((n, f) => n + (f.added ?? 0), 0),
          removed: wireFiles.reduce((n, f) => n + (f.removed ?? 0), 0),
        },
        behind: counts.behind,
        ahead: counts.ahead,
        commits: commits.slice(0, maxListedCommits),
        commitsTruncated: commits.length > maxListedCommits,
        checks: { ...result.summary.checks, changelog },
      },
      base: result.base,
      files,
    };
  }
}

/** The details of a complete summary, as `review.details` sends them. */
export function detailsOf(result: SummaryResult): ReviewDetails {
  const { summary } = result;
  return {
    threadId: summary.threadId,
    revision: summary.revision,
    files: summary.files.map((f) => ({
      id: f.id,
      added: f.added ?? 0,
      removed: f.removed ?? 0,
      binary: f.binary ?? false,
    })),
    stat: { files: summary.stat.files, added: summary.stat.added ?? 0, removed: summary.stat.removed ?? 0 },
    behind: summary.behind,
    ahead: summary.ahead,
    commits: summary.commits,
    commitsTruncated: summary.commitsTruncated,
    changelog: summary.checks.changelog,
  };
}
