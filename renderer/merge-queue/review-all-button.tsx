import { useEffect, useState } from 'react';
import { listenToReviewers, reviewerActions, useReviewerStore } from '../review/reviewer-store';
import { ReviewerPicker } from '../review/reviewer-picker';

/**
 * Review all: a reviewer agent on every queued thread, a few at a time (the project's reviewer
 * setting); their blocking findings show on the entries and move them to the end of the suggested order.
 */
export function ReviewAllButton({ projectId, disabled }: { projectId: string; disabled: boolean }) {
  const [asking, setAsking] = useState(false);
  const [profileId, setProfileId] = useState('');
  const running = useReviewerStore(
    (state) => Object.values(state.runs).filter((run) => run.projectId === projectId && run.state === 'running').length,
  );
  useEffect(() => listenToReviewers(), []);
  return (
    <span className="review-all">
      <ReviewerPicker value={profileId} onChange={setProfileId} testId="mq-review-all-profile" />
      <button
        type="button"
        className="button"
        data-testid="mq-review-all"
        disabled={disabled || asking}
        title="A reviewer agent reads every queued branch and leaves its findings as comments"
        onClick={() => {
          setAsking(true);
          void reviewerActions.reviewAll(projectId, profileId || undefined).finally(() => setAsking(false));
        }}
      >
        {running > 0 ? `Reviewing (${running} running)…` : 'Review all'}
      </button>
    </span>
  );
}
