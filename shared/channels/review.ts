/** The review pane: commits, diffs per file, brief checks, verification runs, inline comments, decisions. */
export const reviewRequestChannels = [
  'review.summary',
  'review.details',
  'review.file',
  'review.watch',
  'review.unwatch',
  'review.comments.list',
  'review.comments.add',
  'review.comments.edit',
  'review.comments.delete',
  'review.comments.resolve',
  'review.comments.send',
  'review.viewed.list',
  'review.viewed.set',
  'review.verification.list',
  'review.verification.run',
  'review.verification.cancel',
  'review.decide',
  'review.settings.get',
  'review.settings.set',
] as const;

/** Pushed when a thread's review data (comments, verification runs, worktree changes) moves. */
export const reviewEventChannels = ['review.changed', 'review.verification.output'] as const;
