import { plural } from '../../shared/plural';
import { pathExists } from '../fs/path-exists';
import { AppError } from '../../shared/errors';
import type { RemoveOutcome, Thread } from '../../shared/models';
import { isAncestor } from '../git/ancestry';
import { branchExists, branchTipIfAny, countCommitsNotIn, countCommitsOnNoBranch, deleteBranch } from '../git/branch';
import { nestedRepositories } from '../git/nested-repos';
import { backupRefName, tryRevParse, updateRef } from '../git/refs';
import { joinCommits, snapshotUncommitted } from '../git/snapshot';
import { uncommittedPaths } from '../git/status';
import { ignoredPaths } from '../git/untracked';
import { pruneWorktrees, removeWorktree } from '../git/worktree';

/** Switchyard's own file in every Claude Code worktree (hooks), rewritten at each start: not the user's loss. */
const ownIgnoredFiles = new Set(['.claude/settings.local.json']);

export interface UnsavedWork {
  readonly uncommittedFiles: string[];
  /**
   * Commits that would be lost: the branch's commits its base does not have, plus those only a
   * detached HEAD in the worktree holds (null: the base branch is gone, so the first part is unknown).
   */
  readonly unmergedCommits: number | null;
  /** Commits reachable from the worktree's detached HEAD that no branch holds. */
  readonly detachedCommits: number;
  /** The commit checked out in the worktree (null when the worktree is gone). */
  readonly head: string | null;
  /** The branch's tip (null when the branch is gone). */
  readonly branchTip: string | null;
  /** Ignored files and folders in the worktree: deleted with it, never in a backup. */
  readonly ignoredFiles: string[];
  /** Untracked or ignored folders that are repositories of their own: a backup cannot hold their files. */
  readonly nestedRepositories: string[];
}

export async function findUnsavedWork(repo: string, thread: Thread): Promise<UnsavedWork> {
  const worktreePresent = await pathExists(thread.worktreePath);
  const uncommittedFiles = worktreePresent ? await uncommittedPaths(thread.worktreePath) : [];
  const ignored = worktreePresent
    ? (await ignoredPaths(thread.worktreePath)).filter((entry) => !ownIgnoredFiles.has(entry))
    : [];
  const nested = worktreePresent
    ? await nestedRepositories(thread.worktreePath, [...uncommittedFiles, ...ignored])
    : [];
  const head = worktreePresent ? await tryRevParse(thread.worktreePath, 'HEAD') : null;
  const tip = await branchTipIfAny(repo, thread.branch);

  let branchCommits: number | null = 0;
  if (tip) {
    branchCommits = (await branchExists(repo, thread.baseBranch))
      ? await countCommitsNotIn(repo, thread.branch, thread.baseBranch)
      : null;
  }
  // The agent may have left the branch (`git checkout --detach`) and committed there: those commits
  // are on no branch, and removing the worktree would leave them reachable from nothing.
  const detachedCommits = head && head !== tip ? await countCommitsOnNoBranch(repo, head) : 0;
  return {
    uncommittedFiles,
    unmergedCommits: branchCommits === null ? null : branchCommits + detachedCommits,
    detachedCommits,
    head,
    branchTip: tip,
    ignoredFiles: ignored.filter((entry) => !nested.includes(entry)),
    nestedRepositories: nested,
  };
}

export function hasUnsavedWork(work: UnsavedWork): boolean {
  return work.uncommittedFiles.length > 0 || work.unmergedCommits !== 0 || work.detachedCommits > 0;
}

function listed(items: readonly string[], most = 5): string {
  const shown = items.slice(0, most).join(', ');
  return items.length > most ? `${shown} and ${items.length - most} more` : shown;
}

/** The sentence saying what no backup can keep, or '' when there is nothing of the kind. */
export function cannotKeepSentence(work: Pick<UnsavedWork, 'ignoredFiles' | 'nestedRepositories'>): string {
  const parts: string[] = [];
  if (work.nestedRepositories.length)
    parts.push(`nested git repositories (${listed(work.nestedRepositories)}), whose files and history are their own`);
  if (work.ignoredFiles.length) parts.push(`ignored files (${listed(work.ignoredFiles)})`);
  return parts.length ? `No backup can keep ${parts.join(' or ')}: they are deleted with the worktree.` : '';
}

/** Uncommitted files are committed or discarded; commits are merged. */
function whatToDo(work: UnsavedWork): string {
  const commits = work.unmergedCommits === null || work.unmergedCommits > 0;
  if (work.uncommittedFiles.length && commits) return 'Commit the files and merge the branch first';
  if (work.uncommittedFiles.length) return 'Commit or discard them first';
  return 'Merge it first';
}

function refusal(thread: Thread, work: UnsavedWork): AppError {
  const parts: string[] = [];
  if (work.uncommittedFiles.length) parts.push(plural(work.uncommittedFiles.length, 'uncommitted file'));
  const branchCommits = work.unmergedCommits === null ? null : work.unmergedCommits - work.detachedCommits;
  if (branchCommits === null) parts.push(`commits whose base branch "${thread.baseBranch}" no longer exists`);
  else if (branchCommits > 0) parts.push(`${plural(branchCommits, 'commit')} not merged into ${thread.baseBranch}`);
  if (work.detachedCommits > 0)
    parts.push(`${plural(work.detachedCommits, 'commit')} on a detached HEAD that no branch holds`);
  const cannotKeep = cannotKeepSentence(work);
  return new AppError(
    'unsaved-work',
    `"${thread.name}" has ${parts.join(' and ')}. ${whatToDo(work)}, or choose to discard (a backup ref will keep the work).${cannotKeep ? ` ${cannotKeep}` : ''}`,
    {
      uncommittedFiles: work.uncommittedFiles,
      unmergedCommits: work.unmergedCommits ?? -1,
      detachedCommits: work.detachedCommits,
      ignoredFiles: work.ignoredFiles,
      nestedRepositories: work.nestedRepositories,
    },
  );
}

/** Refuses when removing would lose work and the caller has not chosen to discard it. */
export function assertRemovable(thread: Thread, work: UnsavedWork, discard: boolean): void {
  if (hasUnsavedWork(work) && !discard) throw refusal(thread, work);
}

/** The given commits minus any that another of them already contains: what a backup must keep reachable. */
async function distinctTips(repo: string, commits: ReadonlyArray<string | null>): Promise<string[]> {
  const unique = [...new Set(commits.filter((c): c is string => c !== null))];
  const kept: string[] = [];
  for (const commit of unique) {
    let contained = false;
    for (const other of unique) {
      if (other !== commit && (await isAncestor(repo, commit, other))) contained = true;
    }
    if (!contained) kept.push(commit);
  }
  return kept;
}

/**
 * One commit that keeps everything removing would lose: the uncommitted and untracked files on
 * top of the worktree's HEAD, with the branch tip as a second parent when a detached HEAD has left
 * it behind. Null when there is nothing to keep.
 */
async function backupCommit(repo: string, thread: Thread, work: UnsavedWork): Promise<string | null> {
  const tips = await distinctTips(repo, [work.head, work.branchTip]);
  if (work.uncommittedFiles.length && work.head) {
    const snapshot = await snapshotUncommitted(
      thread.worktreePath,
      `Switchyard backup of uncommitted work in "${thread.name}"`,
      { extraParents: tips, exclude: work.nestedRepositories },
    );
    if (snapshot) return snapshot;
  }
  if (tips.length > 1) {
    return joinCommits(
      repo,
      tips,
      `Switchyard backup of "${thread.name}": its detached HEAD (first parent) and its branch ${thread.branch} (second parent)`,
    );
  }
  return tips[0] ?? null;
}

/**
 * Removes a thread's worktree and branch. Work that exists nowhere else is refused unless the
 * caller chose to discard it, and even then a backup ref keeps it (uncommitted files, a detached
 * HEAD's commits and the branch tip included). What no backup can hold (ignored files, nested
 * repositories) is named in the refusal and in the outcome.
 */
export async function removeThreadFromDisk(repo: string, thread: Thread, discard: boolean): Promise<RemoveOutcome> {
  const work = await findUnsavedWork(repo, thread);
  assertRemovable(thread, work, discard);

  let backupRef: string | null = null;
  if (hasUnsavedWork(work)) {
    const target = await backupCommit(repo, thread, work);
    if (target) {
      backupRef = backupRefName(thread.branch);
      await updateRef(repo, backupRef, target, null, `switchyard: backup before removing thread ${thread.name}`);
    }
  }

  let worktreeRemoved = false;
  if (await pathExists(thread.worktreePath)) {
    await removeWorktree(repo, thread.worktreePath, work.uncommittedFiles.length > 0);
    worktreeRemoved = true;
  } else {
    await pruneWorktrees(repo);
  }

  let branchDeleted = false;
  if (work.branchTip) {
    // Safe to force: either nothing is unmerged, or it was just saved under backupRef.
    await deleteBranch(repo, thread.branch, true);
    branchDeleted = true;
  }
  return {
    threadId: thread.id,
    worktreeRemoved,
    branchDeleted,
    backupRef,
    ignoredFiles: work.ignoredFiles,
    nestedRepositories: work.nestedRepositories,
  };
}
