import type { ReviewDecision } from '../../shared/review-decision';

const labels: Record<ReviewDecision['state'], string> = {
  unreviewed: 'unreviewed',
  approved: 'approved',
  'changes-requested': 'changes requested',
  rejected: 'rejected',
};

/** The review verdict beside the agent's status; nothing while unreviewed unless asked to show it. */
export function ReviewBadge({
  review,
  testId = 'thread-review',
  showUnreviewed = false,
}: {
  review: ReviewDecision;
  testId?: string;
  showUnreviewed?: boolean;
}) {
  if (review.state === 'unreviewed' && !showUnreviewed) return null;
  return (
    <span
      className={`review-badge review-${review.state}`}
      data-testid={testId}
      data-review={review.state}
      title={review.commit ? `${labels[review.state]} at ${review.commit.slice(0, 7)}` : labels[review.state]}
    >
      {labels[review.state]}
    </span>
  );
}
