import type { LandingOutcome, QueueEntryView } from '../../shared/merge-queue';

interface LandingOutcomePanelProps {
  outcome: LandingOutcome;
  stoppedEntry: QueueEntryView | null;
  output: string;
  disabled: boolean;
  onSkip(threadId: string): void;
  onHandBack(threadId: string): void;
}

/** What the last landing did; if it stopped, why (files or failing output) and what to do next. */
export function LandingOutcomePanel({
  outcome,
  stoppedEntry,
  output,
  disabled,
  onSkip,
  onHandBack,
}: LandingOutcomePanelProps) {
  const { stopped } = outcome;
  return (
    <section className={`result-panel ${stopped ? 'warning' : 'success'}`} data-testid="mq-outcome">
      <p>
        Landed {outcome.landed.length} into <span className="mono">{outcome.target}</span>
        {outcome.landed.length > 0 && (
          <>
            {' '}
            (<span className="mono">{outcome.before.slice(0, 7)}</span> →{' '}
            <span className="mono">{outcome.after.slice(0, 7)}</span>):{' '}
            <span className="mono">{outcome.landed.join(', ')}</span>
          </>
        )}
        .{outcome.changelogCommit && <> Changelog fragments gathered in {outcome.changelogCommit.slice(0, 7)}.</>}
      </p>
      {outcome.recovered && <p className="callout">{outcome.recovered}</p>}
      {outcome.checkoutNotice && (
        <p className="callout warning" data-testid="mq-checkout-notice">
          {outcome.checkoutNotice}
        </p>
      )}
      {stopped && !stoppedEntry && (
        <p className="muted" data-testid="mq-stop-resolved">
          It stopped at <span className="mono">{stopped.branch}</span> ({stopped.reason}); that entry has since been
          skipped or handed back.
        </p>
      )}
      {stopped && stoppedEntry && (
        <div className="mq-stop" data-testid="mq-stop" data-reason={stopped.reason}>
          <p>
            Stopped at <span className="mono">{stopped.branch}</span>:{' '}
            {stopped.reason === 'conflict'
              ? 'it conflicts with what has landed.'
              : `the verification failed (exit ${stopped.exitCode ?? 'none'}).`}{' '}
            <span className="mono">{outcome.target}</span> stays at its commit before this entry; the branch is
            untouched.
          </p>
          {stopped.files.length > 0 && (
            <>
              <p className="muted">
                {stopped.reason === 'conflict' ? 'Conflicting files:' : 'Files this entry changes:'}
              </p>
              <ul className="mono-list" data-testid="mq-stop-files">
                {stopped.files.map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
            </>
          )}
          {stopped.reason === 'verify-failed' && (
            <pre className="mq-output" data-testid="mq-stop-output">
              {stopped.output || output}
            </pre>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              data-testid="mq-hand-back"
              disabled={disabled}
              title="Rebase the thread's branch onto the target in its own worktree; conflicts go to its agent"
              onClick={() => onHandBack(stoppedEntry.threadId)}
            >
              Hand back to “{stoppedEntry.name}”
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="mq-skip-continue"
              disabled={disabled}
              onClick={() => onSkip(stoppedEntry.threadId)}
            >
              Skip it and continue
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
