/** The review pane: commits, diffs per file, brief checks, verification runs, inline comments, decisions. */
export const reviewRequestChannels = [] as const;

/** Pushed when a thread's review data (comments, verification runs, worktree changes) moves. */
export const reviewEventChannels = [] as const;
