import { useEffect, useState } from 'react';
import type { Thread } from '../../shared/models';
import { latestRun, reviewerActions, useReviewerStore } from './reviewer-store';
import { reviewerStatusText } from './reviewer-status-text';
import { ReviewerPicker } from './reviewer-picker';
import '../styles/reviewer.css';

/**
 * Ask for a review: a reviewer agent (by default another agent than the thread's) reads the
 * branch in a copy of its own and leaves its findings as draft comments. Shows its run (running,
 * cancellable, its output) and what it found.
 */
export function ReviewerRequest({ thread }: { thread: Thread }) {
  const run = useReviewerStore((state) => latestRun(state.runs, thread.id));
  const [profileId, setProfileId] = useState('');
  const [showOutput, setShowOutput] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => void reviewerActions.load(thread.projectId), [thread.projectId]);
  const running = run?.state === 'running';

  const ask = async () => {
    setAsking(true);
    await reviewerActions.ask(thread.id, profileId || undefined);
    setAsking(false);
  };

  return (
    <div className="reviewer-request" data-testid="reviewer-request">
      <ReviewerPicker value={profileId} onChange={setProfileId} testId="reviewer-profile" />
      <button
        type="button"
        className="button small"
        data-testid="reviewer-ask"
        disabled={asking || running}
        title="A reviewer agent reads this branch in a read-only copy and leaves its findings as draft comments"
        onClick={() => void ask()}
      >
        Ask for a review
      </button>
      {run && (
        <span className="reviewer-status muted" data-testid="reviewer-status" data-state={run.state}>
          {reviewerStatusText(run)}
        </span>
      )}
      {running && run && (
        <button
          type="button"
          className="link-button small"
          data-testid="reviewer-cancel"
          onClick={() => void reviewerActions.cancel(run.runId)}
        >
          Cancel
        </button>
      )}
      {run && (
        <button
          type="button"
          className="link-button small"
          data-testid="reviewer-output-toggle"
          onClick={() => setShowOutput((shown) => !shown)}
        >
          {showOutput ? 'Hide output' : 'View output'}
        </button>
      )}
      {run && showOutput && (
        <pre className="reviewer-output mono" data-testid="reviewer-output">
          {run.outputTruncated ? '[… earlier output not kept …]\n' : ''}
          {run.output || '(no output yet)'}
        </pre>
      )}
    </div>
  );
}
