import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { GitError, runGit } from './core';
import { describeGitError } from './describe-git-error';

/** The top level of the checkout that contains `folder`, or a specific error saying why not. */
export async function resolveRepoRoot(folder: string): Promise<string> {
  const info = await stat(folder).catch(() => null);
  if (!info) throw new AppError('not-found', `The folder ${folder} does not exist.`);
  if (!info.isDirectory()) throw new AppError('not-a-repo', `${folder} is a file, not a folder.`);
  const args = ['rev-parse', '--show-toplevel'];
  const result = await runGit(folder, args, { okExitCodes: [0, 128] });
  if (result.exitCode !== 0) {
    // A repository git refuses (another user's, say) is one, with a reason to say.
    const failure = new GitError(args, result, folder);
    if (failure.kind !== 'not-a-repository' && failure.kind !== 'unknown') throw describeGitError(failure);
    throw new AppError('not-a-repo', `${folder} is not inside a git repository (git init it, or pick another folder).`);
  }
  const root = result.stdout.trim();
  if (!root) throw new AppError('not-a-repo', `${folder} is a bare repository; open a checkout instead.`);
  return root;
}

export async function hasCommits(repo: string): Promise<boolean> {
  const result = await runGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0;
}

/** Branch checked out at `cwd`, or null when HEAD is detached. */
export async function currentBranch(cwd: string): Promise<string | null> {
  const result = await runGit(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { okExitCodes: [0, 1, 128] });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The shared .git folder, the same for every worktree of the repo. */
export async function commonGitDir(cwd: string): Promise<string> {
  return (await runGit(cwd, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).stdout.trim();
}
