import type { ReviewComment } from '../../shared/review-comments';
import '../styles/reviewer.css';

/** "blocking · reviewer" on a comment a reviewer agent left; nothing on the dispatcher's own. */
export function ReviewerBadge({ comment }: { comment: Pick<ReviewComment, 'author' | 'severity'> }) {
  if (comment.author?.kind !== 'reviewer') return null;
  const severity = comment.severity ?? 'note';
  return (
    <span
      className={`severity-badge severity-${severity}`}
      data-testid="severity-badge"
      data-severity={severity}
      title={`From a reviewer agent (${comment.author.profileId}): ${severity}`}
    >
      {severity} · reviewer
    </span>
  );
}
