import { AppError } from '../../shared/errors';
import type { HandBackOutcome } from '../../shared/merge-queue';
import type { Thread } from '../../shared/models';
import { branchTip } from '../git/branch';
import { abortRebase, rebaseOnto } from '../git/rebase';
import { backupRefName, updateRef } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { pathExists } from '../fs/path-exists';

export interface AgentLink {
  isRunning(): boolean;
  /** Types a message into the agent's terminal. */
  send(text: string): void;
}

/** The message an agent gets when rebasing its branch onto the target stopped at conflicts. */
export function conflictMessage(target: string, files: readonly string[]): string {
  return [
    `Switchyard rebased your branch onto ${target} and it stopped with conflicts in: ${files.join(', ')}.`,
    'Resolve the conflicts in those files, git add them, run git rebase --continue, and run the checks again.',
  ].join(' ');
}

/**
 * Hands a stopped entry back to its thread: rebases the thread's branch onto the target in the
 * thread's own worktree (its old tip kept under a backup ref). On a conflict a running agent is
 * left in the rebase with a message listing the files; with no agent running the rebase is undone.
 */
export async function handBackToThread(
  repo: string,
  thread: Thread,
  target: string,
  agent: AgentLink,
): Promise<HandBackOutcome> {
  if (!(await pathExists(thread.worktreePath))) {
    throw new AppError(
      'worktree-missing',
      `The worktree of "${thread.name}" (${thread.worktreePath}) is gone; it cannot be rebased there.`,
    );
  }
  const dirty = await uncommittedPaths(thread.worktreePath, { includeUntracked: false });
  if (dirty.length) {
    throw new AppError(
      'unsaved-work',
      `"${thread.name}" has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit them (or ask its agent to) before handing it back for a rebase onto ${target}.`,
      { uncommittedFiles: dirty, unmergedCommits: 0 },
    );
  }
  const oldTip = await branchTip(repo, thread.branch);
  const backupRef = backupRefName(thread.branch, 'before-rebase');
  await updateRef(repo, backupRef, oldTip, null, `switchyard: ${thread.branch} before rebasing onto ${target}`);
  const result = await rebaseOnto(thread.worktreePath, `refs/heads/${target}`);
  if (result.ok) {
    return {
      rebased: true,
      conflicts: [],
      messaged: false,
      newTip: result.head,
      backupRef,
      message: `${thread.branch} now sits on top of ${target} (${result.head.slice(0, 7)}); review it and land it again.`,
    };
  }
  if (agent.isRunning()) {
    agent.send(conflictMessage(target, result.conflicts));
    return {
      rebased: false,
      conflicts: result.conflicts,
      messaged: true,
      newTip: null,
      backupRef,
      message: `Rebasing ${thread.branch} onto ${target} stopped at conflicts in ${result.conflicts.join(', ')}; the agent of "${thread.name}" was asked to resolve them.`,
    };
  }
  await abortRebase(thread.worktreePath);
  return {
    rebased: false,
    conflicts: result.conflicts,
    messaged: false,
    newTip: null,
    backupRef,
    message: `Rebasing ${thread.branch} onto ${target} conflicts in ${result.conflicts.join(', ')}. Its agent is not running, so the rebase was undone and the branch is as it was; resume the agent and ask it to rebase onto ${target}.`,
  };
}
