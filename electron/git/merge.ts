import { gitOutput, runGit } from './core';

export type TreeMergeResult =
  { readonly clean: true; readonly tree: string } | { readonly clean: false; readonly conflicts: string[] };

/**
 * Merges two commits in git's object store only (git ≥ 2.38): no working tree, index or ref
 * changes, so a conflict leaves everything exactly as it was.
 */
export async function mergeTrees(repo: string, ours: string, theirs: string): Promise<TreeMergeResult> {
  const result = await runGit(
    repo,
    ['merge-tree', '--write-tree', '--name-only', '-z', '--no-messages', ours, theirs],
    {
      okExitCodes: [0, 1],
    },
  );
  const [tree = '', ...rest] = result.stdout.split('\0');
  if (result.exitCode === 0) return { clean: true, tree: tree.trim() };
  const conflicts = [...new Set(rest.filter(Boolean))];
  return { clean: false, conflicts };
}

export async function commitTree(
  repo: string,
  tree: string,
  parents: readonly string[],
  message: string,
): Promise<string> {
  const args = ['commit-tree', tree];
  for (const parent of parents) args.push('-p', parent);
  args.push('-m', message);
  return (await gitOutput(repo, args)).trim();
}

/** Fast-forwards the branch checked out at `checkout` to `commit`; fails rather than merge. */
export async function fastForwardCheckout(checkout: string, commit: string): Promise<void> {
  await runGit(checkout, ['merge', '--ff-only', '--quiet', commit]);
}
