import { useState } from 'react';
import { InlineError } from '../ui/inline-error';
import '../styles/merge-queue.css';
import { CleanupPanel } from './cleanup-panel';
import { ConflictMatrixTable } from './conflict-matrix-table';
import { LandingOutcomePanel } from './landing-outcome-panel';
import { QueueCandidates } from './queue-candidates';
import { QueueEntryList } from './queue-entry-list';
import { QueueSettingsForm } from './queue-settings-form';
import { getMergeQueueActions } from './merge-queue-actions';
import { useMergeQueue } from './merge-queue-store';
import { useMergeQueueSync } from './use-merge-queue-sync';
import { ReviewAllButton } from './review-all-button';

const modeText = { merge: 'merge commits', squash: 'squash', rebase: 'rebase + fast-forward' } as const;

/** The project's merge queue: approved threads in landing order, the conflict matrix, landing. */
export function MergeQueueView({ projectId }: { projectId: string }) {
  useMergeQueueSync(projectId);
  const queue = useMergeQueue(projectId);
  const { view, busy, handBack } = queue;
  const actions = getMergeQueueActions();
  const [showSettings, setShowSettings] = useState(false);

  if (!view) {
    return (
      <section className="merge-queue-view" data-testid="merge-queue-view" data-project-id={projectId}>
        <h2>Merge queue</h2>
        <InlineError error={queue.error} testId="mq-error" />
        {!queue.error && <p className="muted">Computing the queue…</p>}
      </section>
    );
  }

  const landing = view.landing?.running ? view.landing : null;
  const disabled = busy || landing !== null;
  const ready = view.entries.filter((e) => !e.skipped);
  const names = Object.fromEntries(view.entries.map((e) => [e.branch, e.name]));
  const stoppedEntry = view.entries.find((e) => e.threadId === view.stoppedThreadId) ?? null;
  const order = view.entries.map((e) => e.threadId);
  const inSuggestedOrder = view.suggestedOrder !== null && view.suggestedOrder.every((id, i) => order[i] === id);

  return (
    <section className="merge-queue-view" data-testid="merge-queue-view" data-project-id={projectId}>
      <header className="mq-header">
        <h2>Merge queue</h2>
        <span className="muted">
          into{' '}
          <span className="mono" data-testid="mq-target">
            {view.target}
          </span>
          {view.target !== view.base && <> (from {view.base})</>} · {modeText[view.settings.mode]} · verify:{' '}
          <span className="mono">{view.settings.verify ? view.settings.verify.join(' ') : 'none'}</span>
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          onClick={() => setShowSettings((s) => !s)}
          aria-expanded={showSettings}
        >
          Settings…
        </button>
        <button
          type="button"
          className="button small"
          data-testid="mq-refresh"
          disabled={disabled}
          onClick={() => void actions.refresh(projectId)}
        >
          Recheck conflicts
        </button>
      </header>

      {showSettings && (
        <QueueSettingsForm
          settings={view.settings}
          disabled={disabled}
          onSave={(settings) =>
            void actions.setSettings(projectId, settings).then((r) => r.ok && setShowSettings(false))
          }
        />
      )}

      <InlineError error={queue.error} testId="mq-error" />
      {view.recovery && (
        <p className="callout" data-testid="mq-recovery" role="status">
          {view.recovery}
        </p>
      )}
      {view.matrixError && <p className="inline-error">{view.matrixError}</p>}
      {view.cycle && (
        <p className="callout warning" data-testid="mq-cycle">
          The briefs declare a dependency cycle ({view.cycle.join(' → ')}), so no order is suggested; order the queue by
          hand.
        </p>
      )}

      <div className="mq-toolbar">
        <button
          type="button"
          className="button primary"
          data-testid="mq-land-next"
          disabled={disabled || ready.length === 0}
          onClick={() => void actions.land(projectId, false)}
        >
          Land next
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="mq-land-all"
          disabled={disabled || ready.length === 0}
          onClick={() => void actions.land(projectId, true)}
        >
          Land all in order ({ready.length})
        </button>
        <ReviewAllButton projectId={projectId} disabled={view.entries.length === 0} />
        <button
          type="button"
          className="button"
          data-testid="mq-use-suggested"
          disabled={disabled || view.suggestedOrder === null || inSuggestedOrder}
          title="Dependencies first, then foundational changes, then fewest touches of shared files"
          onClick={() => void actions.useSuggestedOrder(projectId)}
        >
          {inSuggestedOrder ? 'In suggested order' : 'Use suggested order'}
        </button>
        {landing && (
          <span className="mq-progress" data-testid="mq-progress" role="status">
            {landing.branch ? `${landing.step} ${landing.branch}…` : `${landing.step}…`}
          </span>
        )}
      </div>

      <QueueEntryList
        entries={view.entries}
        stoppedThreadId={view.stoppedThreadId}
        landingBranch={landing?.branch ?? null}
        disabled={disabled}
        onReorder={(next) => void actions.reorder(projectId, next)}
        onUnskip={(threadId) => void actions.unskip(projectId, threadId)}
        onRemove={(threadId) => void actions.remove(projectId, threadId)}
      />

      {(landing || (queue.output && !view.lastOutcome?.stopped)) && queue.output && (
        <pre className="mq-output" data-testid="mq-live-output">
          {queue.output}
        </pre>
      )}

      {view.lastOutcome && !landing && (
        <LandingOutcomePanel
          outcome={view.lastOutcome}
          stoppedEntry={stoppedEntry}
          output={queue.output}
          disabled={disabled}
          onSkip={(threadId) => void actions.skipAndContinue(projectId, threadId)}
          onHandBack={(threadId) => void actions.handBack(projectId, threadId)}
        />
      )}
      {handBack && (
        <p className={`callout${handBack.rebased ? '' : ' warning'}`} data-testid="mq-hand-back-result">
          {handBack.message}
          {handBack.backupRef && (
            <>
              {' '}
              The branch's previous tip is kept at <span className="mono">{handBack.backupRef}</span>.
            </>
          )}
        </p>
      )}

      {view.matrix && Object.keys(view.matrix.tips).length > 0 && (
        <section className="mq-section">
          <h3>Conflict prediction</h3>
          <ConflictMatrixTable matrix={view.matrix} names={names} />
        </section>
      )}

      <QueueCandidates
        candidates={view.candidates}
        disabled={disabled}
        onQueue={(threadId) => void actions.add(projectId, threadId)}
      />
      <CleanupPanel view={view} queue={queue} />
    </section>
  );
}
