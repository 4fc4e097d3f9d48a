import { useState } from 'react';
import type { Thread } from '../../shared/models';
import type { ReviewSummary } from '../../shared/review';
import { plural } from '../../shared/plural';
import { reviewActions } from './review-api';
import { ReviewBadge } from './review-badge';
import { ReviewerRequest } from './reviewer-request';

/** Approve, request changes (sends the drafts), reject (archives, keeps the branch), or reopen. */
export function DecisionBar({
  thread,
  summary,
  drafts,
}: {
  thread: Thread;
  summary: ReviewSummary | null;
  drafts: number;
}) {
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approved' | 'changes-requested' | 'rejected' | 'unreviewed') => {
    setBusy(true);
    await reviewActions.decide(thread.id, decision);
    setBusy(false);
  };
  const state = thread.review.state;
  return (
    <div className="decision-bar" data-testid="decision-bar">
      <ReviewBadge review={thread.review} testId="review-state" showUnreviewed />
      {summary?.approvalStale && (
        <span
          className="review-flag flag-hazard"
          data-testid="approval-stale"
          title="The branch moved after it was approved"
        >
          approval stale
        </span>
      )}
      <button
        type="button"
        className="button small primary"
        data-testid="review-approve"
        disabled={busy || (state === 'approved' && !summary?.approvalStale)}
        title="Approve the branch at its current tip: it becomes a candidate for the merge queue"
        onClick={() => void decide('approved')}
      >
        Approve
      </button>
      <button
        type="button"
        className="button small"
        data-testid="review-request-changes"
        disabled={busy}
        title={
          drafts > 0
            ? drafts === 1
              ? 'Sends the draft comment to the agent'
              : `Sends the ${plural(drafts, 'draft comment')} to the agent`
            : 'Marks the branch as needing changes'
        }
        onClick={() => void decide('changes-requested')}
      >
        Request changes{drafts > 0 ? ` (${drafts})` : ''}
      </button>
      {state === 'rejected' || thread.archived ? (
        <button
          type="button"
          className="button small"
          data-testid="review-reopen"
          disabled={busy}
          onClick={() => void decide('unreviewed')}
        >
          Reopen
        </button>
      ) : (
        <button
          type="button"
          className="button small danger-outline"
          data-testid="review-reject"
          disabled={busy}
          title="Stops the agent and archives the thread; the branch is kept"
          onClick={() => void decide('rejected')}
        >
          Reject
        </button>
      )}
      <ReviewerRequest thread={thread} />
    </div>
  );
}
