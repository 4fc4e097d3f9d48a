import { useEffect, useState } from 'react';
import type { Thread } from '../../shared/models';
import { useProfilesStore } from '../state/profiles-store';
import { latestRun, reviewerActions, useReviewerStore } from './reviewer-store';
import { reviewerStatusText } from './reviewer-status-text';
import '../styles/reviewer.css';

/**
 * Ask for a review: a reviewer agent (by default another agent than the thread's) reads the
 * branch in a copy of its own and leaves its findings as draft comments. Shows its run (running,
 * cancellable, its output) and what it found.
 */
export function ReviewerRequest({ thread }: { thread: Thread }) {
  const profiles = useProfilesStore((state) => state.profiles);
  const run = useReviewerStore((state) => latestRun(state.runs, thread.id));
  const [profileId, setProfileId] = useState('');
  const [showOutput, setShowOutput] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => void reviewerActions.load(thread.projectId), [thread.projectId]);
  // A reviewer needs a headless (print) mode, or the demo agent's review scenario.
  const choices = profiles.filter((p) => p.installed && (p.modes.includes('headless') || p.id === 'demo'));
  const running = run?.state === 'running';

  const ask = async () => {
    setAsking(true);
    await reviewerActions.ask(thread.id, profileId || undefined);
    setAsking(false);
  };

  return (
    <div className="reviewer-request" data-testid="reviewer-request">
      <select
        className="input small"
        aria-label="Reviewer agent"
        data-testid="reviewer-profile"
        value={profileId}
        onChange={(event) => setProfileId(event.target.value)}
      >
        <option value="">Default reviewer</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
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
