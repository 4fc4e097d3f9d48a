import { branchNameProblem } from '../../shared/branch-name';
import { AppError } from '../../shared/errors';
import { gitOutput, runGit } from './core';

/**
 * A plain branch name: none of what branchNameProblem refuses (invisible characters, revision
 * syntax, full ref names, a leading dash), and git's own rules (check-ref-format --branch) agree.
 */
export async function isValidBranchName(repo: string, name: string): Promise<boolean> {
  if (!name || branchNameProblem(name) !== null) return false;
  const result = await runGit(repo, ['check-ref-format', '--branch', name], { okExitCodes: [0, 1, 128] });
  return result.exitCode === 0;
}

/** Refuses anything but a plain branch name, saying what is wrong with it; `what` names the field. */
export async function assertValidBranchName(repo: string, name: string, what = 'branch name'): Promise<void> {
  const problem = branchNameProblem(name, what);
  if (problem) throw new AppError('invalid-branch-name', problem, { branch: name });
  if (!(await isValidBranchName(repo, name))) {
    throw new AppError(
      'invalid-branch-name',
      `"${name}" is not a valid ${what} (git rejects names with spaces, "..", "~", "^", ":", "?", "*", "[", a trailing "/" or ".lock", and the like).`,
      { branch: name },
    );
  }
}

/** Whether refs/heads/<name> exists, read literally: `main@{1}` or `main~1` name no branch. */
export async function branchExists(repo: string, name: string): Promise<boolean> {
  if (!name) return false;
  const result = await runGit(repo, ['show-ref', '--verify', '--quiet', `refs/heads/${name}`], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0;
}

export async function listBranches(repo: string): Promise<string[]> {
  const out = await gitOutput(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/']);
  return out.split('\n').filter(Boolean);
}

/** The tip of refs/heads/<name>, or null when there is no such branch (read literally, as branchExists does). */
export async function branchTipIfAny(repo: string, name: string): Promise<string | null> {
  if (!name) return null;
  const result = await runGit(repo, ['show-ref', '--verify', `refs/heads/${name}`], { okExitCodes: [0, 1, 128] });
  return result.exitCode === 0 ? (result.stdout.split(' ')[0] ?? null) : null;
}

export async function branchTip(repo: string, name: string): Promise<string> {
  return (await gitOutput(repo, ['rev-parse', '--verify', `refs/heads/${name}^{commit}`])).trim();
}

/** Commits on `branch` that `base` does not contain. */
export async function countCommitsNotIn(repo: string, branch: string, base: string): Promise<number> {
  const out = await gitOutput(repo, ['rev-list', '--count', `refs/heads/${base}..refs/heads/${branch}`]);
  return Number(out.trim());
}

/** Commits reachable from `commit` that no local branch holds (what a detached HEAD alone keeps). */
export async function countCommitsOnNoBranch(repo: string, commit: string): Promise<number> {
  const out = await gitOutput(repo, ['rev-list', '--count', commit, '--not', '--branches']);
  return Number(out.trim());
}

/** Deletes a branch; `force` only after the caller has kept a backup ref of unmerged work. */
export async function deleteBranch(repo: string, name: string, force: boolean): Promise<void> {
  await runGit(repo, ['branch', force ? '-D' : '-d', '--', name]);
}

/** Creates `name` at `startPoint` (a commit); fails if it exists. */
export async function createBranch(repo: string, name: string, startPoint: string): Promise<void> {
  await runGit(repo, ['branch', '--no-track', '--', name, startPoint]);
}

/** Tips of all local branches in one git call: branch name → commit. */
export async function allBranchTips(repo: string): Promise<Map<string, string>> {
  const out = await gitOutput(repo, ['for-each-ref', '--format=%(refname)%00%(objectname)', 'refs/heads/']);
  const tips = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [ref, sha] = line.split('\0');
    if (ref && sha) tips.set(ref.slice('refs/heads/'.length), sha);
  }
  return tips;
}
