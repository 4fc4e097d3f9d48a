import type { GitOptions } from './core';

/**
 * For calls that only look: git must not refresh and rewrite the index as a side effect, which
 * would wake the worktree watcher and loop, and could race an agent's own git commands.
 */
export const readOnly: GitOptions = { env: { GIT_OPTIONAL_LOCKS: '0' } };
