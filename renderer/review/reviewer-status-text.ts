import type { ReviewerRun, ReviewerRunState } from '../../shared/contract/reviewer';

const stateWords: Record<ReviewerRunState, string> = {
  running: 'running…',
  done: 'finished',
  failed: 'failed',
  cancelled: 'was cancelled',
  'timed-out': 'timed out',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The review bar's line about a reviewer run, e.g. "Review by Claude Code finished: 3 comments,
 * 1 blocking; replaced 2 drafts from the earlier review".
 */
export function reviewerStatusText(run: ReviewerRun): string {
  if (run.state === 'running') return `Review by ${run.profileLabel} running…`;
  const replaced = run.replaced > 0 ? `; replaced ${plural(run.replaced, 'draft')} from the earlier review` : '';
  const error = run.error ? ` (${run.error})` : '';
  return `Review by ${run.profileLabel} ${stateWords[run.state]}: ${plural(run.comments, 'comment')}, ${run.blocking} blocking${replaced}${error}`;
}
