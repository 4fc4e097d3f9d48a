import type { VerificationView } from '../../shared/contract/review';
import { keptOutputChars } from '../../shared/limits';
import { reviewActions } from './review-api';
import { useReviewPaneStore } from './review-pane-store';

const stateLabels = {
  running: 'running…',
  passed: 'passed',
  failed: 'failed',
  cancelled: 'cancelled',
  error: 'could not run',
  interrupted: 'interrupted',
} as const;

/** The brief's verification commands: run one, watch its output, see each result and its commit. */
export function VerificationPanel({ threadId, view }: { threadId: string; view: VerificationView | null }) {
  const liveOutput = useReviewPaneStore((state) => state.liveOutput);
  if (!view) return null;
  if (view.commands.length === 0) {
    return <p className="muted small">The brief names no verification commands.</p>;
  }
  const running = view.runs.find((run) => run.state === 'running');
  return (
    <div className="review-verification" data-testid="verification-panel">
      <p className="muted small">
        Runs in the worktree {view.shell ? `through ${view.shell} -c` : 'as argv (no shell)'}.
      </p>
      {view.commands.map((command, index) => {
        const last = view.runs.find((run) => run.commandIndex === index && run.command === command);
        return (
          <div key={`${index}:${command}`} className="verification-command" data-testid="verification-command">
            <div className="row">
              <code className="mono truncate" title={command}>
                {command}
              </code>
              <span className="spacer" />
              {last && (
                <span
                  className={`run-state run-${last.state}${last.stale ? ' stale' : ''}`}
                  data-testid="verification-result"
                  data-state={last.state}
                  data-stale={last.stale}
                  title={`On ${last.commit.slice(0, 7)}${last.dirty ? ' with uncommitted changes' : ''}, ${last.startedAt}`}
                >
                  {stateLabels[last.state]}
                  {last.exitCode !== null && last.state !== 'passed' ? ` (exit ${last.exitCode})` : ''} @{' '}
                  {last.commit.slice(0, 7)}
                  {last.stale ? ' · stale' : ''}
                </span>
              )}
              {last?.state === 'running' ? (
                <button
                  type="button"
                  className="button small"
                  onClick={() => void reviewActions.cancelVerification(threadId, last.id)}
                >
                  Cancel
                </button>
              ) : (
                <button
                  type="button"
                  className="button small"
                  data-testid="verification-run"
                  disabled={running !== undefined}
                  onClick={() => void reviewActions.runVerification(threadId, index)}
                >
                  Run
                </button>
              )}
            </div>
            {last && (
              <details open={last.state === 'running' || last.state === 'failed'}>
                <summary className="small muted">
                  output
                  {last.state !== 'running' && last.outputTruncated && (
                    <> (only the last {Math.round(keptOutputChars / 1024)} KB are kept)</>
                  )}
                </summary>
                <pre className="verification-output" data-testid="verification-output">
                  {last.state === 'running' ? (liveOutput[last.id] ?? '') : last.output}
                </pre>
              </details>
            )}
          </div>
        );
      })}
    </div>
  );
}
