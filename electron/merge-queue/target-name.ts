/** A branch name as one safe path segment: `integration/q3` → `integration-q3`. */
export function sanitizeForPath(branch: string): string {
  return branch.replace(/\//g, '-').replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The integration worktree's folder name for a target, the same for the app and the CLI. */
export function integrationFolderName(target: string): string {
  return `.switchyard-integration-${sanitizeForPath(target)}`;
}

/** Where a landing is kept while the target's checkout is dirty (see publish-target.ts). */
export function pendingLandingRef(target: string): string {
  return `refs/switchyard/landing/${target}`;
}
