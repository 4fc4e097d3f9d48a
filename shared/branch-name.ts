/**
 * A readable default branch for a thread name: "Fix login bug!" → "switchyard/fix-login-bug".
 * Git's own check-ref-format remains the judge of validity; this only proposes.
 */
export function suggestBranchName(threadName: string, prefix = 'switchyard/'): string {
  const slug = threadName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return `${prefix}${slug || 'thread'}`;
}

/** Folder name for a branch's worktree: slashes would nest folders, so flatten them. */
export function worktreeFolderName(branch: string): string {
  return branch.replace(/[/\\]+/g, '-');
}
