import type { ReviewComment } from '../../shared/review-comments';
import { reviewActions } from './review-api';

/**
 * Resolve on a sent comment, Reopen on a resolved one (nothing on a draft): the same toggle in the
 * comments list and under a diff line, told apart by `testIdPrefix` (`<prefix>-resolve`, `<prefix>-reopen`).
 */
export function ResolveToggle({
  threadId,
  comment,
  testIdPrefix,
}: {
  threadId: string;
  comment: ReviewComment;
  testIdPrefix: string;
}) {
  if (comment.state === 'draft') return null;
  const resolving = comment.state === 'sent';
  return (
    <button
      type="button"
      className="link-button small"
      data-testid={`${testIdPrefix}-${resolving ? 'resolve' : 'reopen'}`}
      onClick={() => void reviewActions.resolveComment(threadId, comment.id, resolving)}
    >
      {resolving ? 'Resolve' : 'Reopen'}
    </button>
  );
}
