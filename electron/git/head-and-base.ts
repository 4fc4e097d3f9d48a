import { AppError } from '../../shared/errors';
import { branchExists } from './branch';
import { GitError, runGit } from './core';
import { describeGitError } from './describe-git-error';
import { readOnly } from './read-only';

/**
 * The commits HEAD and the base branch point at, in one git call (each git process costs a fork
 * of the main process, which is slow on small machines). A missing base branch is an AppError
 * that says so.
 */
export async function headAndBase(worktree: string, baseBranch: string): Promise<{ head: string; base: string }> {
  const args = ['rev-parse', 'HEAD^{commit}', `refs/heads/${baseBranch}^{commit}`];
  const result = await runGit(worktree, args, { ...readOnly, okExitCodes: [0, 128] });
  const [head = '', base = ''] = result.stdout.trim().split('\n');
  if (result.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(head) && /^[0-9a-f]{40,64}$/.test(base)) return { head, base };
  if (!(await branchExists(worktree, baseBranch))) {
    throw new AppError(
      'base-not-found',
      `The base branch "${baseBranch}" no longer exists, so there is nothing to compare against.`,
    );
  }
  throw describeGitError(new GitError(args, result, worktree), `Could not read HEAD in ${worktree}`);
}
