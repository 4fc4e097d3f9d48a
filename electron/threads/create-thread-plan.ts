import path from 'node:path';
import { suggestBranchName, worktreeFolderName } from '../../shared/branch-name';
import { AppError } from '../../shared/errors';
import type { Project } from '../../shared/models';
import { assertValidBranchName, branchExists, branchTip } from '../git/branch';
import { currentBranch, hasCommits } from '../git/repo';
import { pathExists } from '../fs/path-exists';
import { assertWorktreeRootOutsideGit } from '../projects/worktree-root';

export interface ThreadPlanRequest {
  readonly name: string;
  readonly baseBranch?: string | undefined;
  readonly branch?: string | undefined;
}

export interface ThreadPlan {
  readonly baseBranch: string;
  /** The commit the base branch pointed at when planned: the new branch starts there. */
  readonly baseCommit: string;
  readonly branch: string;
  readonly worktreePath: string;
}

/**
 * The branch and folder a request asks for, before any check: what concurrent creates must not
 * share (see ThreadService.create).
 */
export function plannedPlace(project: Project, request: ThreadPlanRequest): { branch: string; worktreePath: string } {
  const branch = request.branch?.trim() || suggestBranchName(request.name);
  return { branch, worktreePath: path.join(project.worktreeRoot, worktreeFolderName(branch)) };
}

/**
 * Every check that can fail, done before anything is created, so a refused thread leaves no
 * branch or folder behind.
 */
export async function planThread(project: Project, request: ThreadPlanRequest): Promise<ThreadPlan> {
  const repo = project.path;
  if (!(await hasCommits(repo))) {
    throw new AppError(
      'no-commits',
      `The repository at ${repo} has no commits yet; make a first commit before starting threads.`,
    );
  }
  const baseBranch = request.baseBranch?.trim() || (await currentBranch(repo));
  if (!baseBranch) {
    throw new AppError(
      'base-not-found',
      `The main checkout at ${repo} is on a detached HEAD; choose a base branch for the thread.`,
    );
  }
  await assertValidBranchName(repo, baseBranch, 'base branch');
  if (!(await branchExists(repo, baseBranch))) {
    throw new AppError('base-not-found', `The base branch "${baseBranch}" does not exist in ${project.name}.`, {
      branch: baseBranch,
    });
  }
  const baseCommit = await branchTip(repo, baseBranch);
  const { branch, worktreePath } = plannedPlace(project, request);
  await assertValidBranchName(repo, branch);
  if (await branchExists(repo, branch)) {
    throw new AppError('branch-exists', `A branch named "${branch}" already exists; pick another branch name.`, {
      branch,
    });
  }
  await assertWorktreeRootOutsideGit(repo, project.worktreeRoot);
  if (await pathExists(worktreePath)) {
    throw new AppError(
      'worktree-exists',
      `The folder ${worktreePath} already exists; remove it or pick another branch name.`,
      {
        path: worktreePath,
      },
    );
  }
  return { baseBranch, baseCommit, branch, worktreePath };
}
