import { useEffect, useState } from 'react';
import type { PlanRunTask, PlanRunView } from '../../shared/contract/plans';
import type { WireError } from '../../shared/errors';
import { revealThread } from '../inbox/reveal-thread';
import { useAttemptsStore } from '../attempts/attempts-store';
import { useThreadsStore } from '../state/threads-store';
import { InlineError } from '../ui/inline-error';
import { plansApi } from './plans-api';
import { closePlans } from './plans-store';
import { type GraphTask, WaveGraph } from './wave-graph';

const phaseWords: Record<PlanRunTask['phase'], string> = {
  waiting: 'waiting',
  running: 'running',
  'plan-ready': 'plan ready for review',
  'awaiting-approval': 'waits for review approval',
  'pick-attempt': 'pick an attempt',
  verifying: 'verifying',
  landing: 'landing',
  landed: 'landed',
  failed: 'failed',
  'verify-failed': 'verification failed',
  conflict: 'conflict',
  timeout: 'timed out',
  'over-budget': 'over its budget',
  skipped: 'skipped',
  'not-run': 'not run',
};

function toneOf(phase: PlanRunTask['phase']): GraphTask['tone'] {
  if (phase === 'landed') return 'good';
  if (['failed', 'verify-failed', 'conflict', 'timeout', 'over-budget', 'skipped'].includes(phase)) return 'bad';
  if (phase === 'waiting' || phase === 'not-run') return 'normal';
  return 'busy';
}

/** "3m 05s" from the task's start to its end (or now). */
function elapsed(task: PlanRunTask, now: number): string {
  if (!task.startedAt) return '';
  const ms = (task.endedAt ? Date.parse(task.endedAt) : now) - Date.parse(task.startedAt);
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** A plan run: its waves with each task's thread, the log's tail, Stop and Rollback. */
export function RunPanel({ run }: { run: PlanRunView }) {
  const [error, setError] = useState<WireError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const threads = useThreadsStore((state) => state.byId);
  useEffect(() => {
    if (run.state !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.state]);

  const openThread = (threadId: string | null) => {
    if (threadId && revealThread(threadId)) closePlans();
  };
  const stop = async () => {
    const result = await plansApi.stop(run.runId);
    setError(result.ok ? null : result.error);
  };
  const rollback = async () => {
    const result = await plansApi.rollback(run.runId);
    if (!result.ok) return setError(result.error);
    setError(null);
    setNotice(
      result.value.unchanged
        ? `${result.value.target} was already where the run found it.`
        : `${result.value.target} is back at ${result.value.to.slice(0, 8)}; every task branch is kept.`,
    );
  };

  return (
    <section className="plan-run" data-testid="plan-run" data-run-state={run.state}>
      <header className="plan-run-header">
        <h3>
          Run {run.runId} → {run.target} <span className={`plan-run-state state-${run.state}`}>{run.state}</span>
        </h3>
        <span className="muted">
          {run.autoLand ? 'lands each task when verified' : 'lands each task once its review is approved'}
        </span>
        <button
          type="button"
          className="button small"
          data-testid="plan-stop"
          disabled={run.state !== 'running'}
          onClick={() => void stop()}
        >
          Stop
        </button>
        <button
          type="button"
          className="button small"
          data-testid="plan-rollback"
          disabled={run.state === 'running' || run.state === 'stopping' || !run.backupRef}
          title={run.backupRef ? `Reset ${run.target} to ${run.backupRef}` : 'Nothing was changed'}
          onClick={() => void rollback()}
        >
          Rollback
        </button>
      </header>
      {run.problem && <p className="inline-error">{run.problem}</p>}
      <InlineError error={error} testId="plan-run-error" />
      {notice && <p className="plan-notice">{notice}</p>}
      <WaveGraph
        waves={run.waves}
        tasks={run.tasks.map((t) => ({
          name: t.name,
          dependsOn: t.dependsOn,
          note: phaseWords[t.phase],
          tone: toneOf(t.phase),
        }))}
        onPick={(name) => {
          const task = run.tasks.find((t) => t.name === name);
          if (task?.threadId || !task?.attemptGroupId) return openThread(task?.threadId ?? null);
          // Attempts not picked yet: their Compare view.
          closePlans();
          useAttemptsStore.getState().openCompare(task.attemptGroupId);
        }}
      />
      <table className="plan-run-tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>Wave</th>
            <th>State</th>
            <th>Thread</th>
            <th>Elapsed</th>
            <th>Verification</th>
            <th>Landing</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {run.tasks.map((task) => {
            const thread = task.threadId ? threads[task.threadId] : undefined;
            return (
              <tr key={task.name} data-testid={`plan-run-task-${task.name}`} data-phase={task.phase}>
                <td>{task.name}</td>
                <td>{task.wave + 1}</td>
                <td className={`tone-${toneOf(task.phase)}`}>
                  {phaseWords[task.phase]}
                  {task.note && <div className="muted small">{task.note}</div>}
                </td>
                <td>
                  {task.threadId ? (
                    <button type="button" className="link-button" onClick={() => openThread(task.threadId)}>
                      {thread ? `${thread.name} (${thread.status})` : 'open'}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>{elapsed(task, now)}</td>
                <td>{task.verified === null ? '—' : task.verified ? 'passed' : 'failed'}</td>
                <td>
                  {task.phase === 'landed' ? 'landed' : task.phase === 'awaiting-approval' ? 'after approval' : '—'}
                </td>
                <td>
                  {task.phase === 'plan-ready' && <GateButtons runId={run.runId} task={task.name} onError={setError} />}
                  {task.attemptGroupId && (
                    <button
                      type="button"
                      className={`button small${task.phase === 'pick-attempt' ? ' primary' : ''}`}
                      data-testid={`plan-compare-${task.name}`}
                      title="Its attempts side by side; pick the one that goes on"
                      onClick={() => {
                        // The Compare view opens over the threads (the sidebar's), where a picked attempt is reviewed.
                        closePlans();
                        useAttemptsStore.getState().openCompare(task.attemptGroupId!);
                      }}
                    >
                      Compare attempts
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details className="plan-log" open>
        <summary>Log ({run.logFile})</summary>
        <ol data-testid="plan-log">
          {run.log.slice(-40).map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <span className="muted">{event.at.slice(11, 19)}</span> {event.task ?? 'run'}: {event.event}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/** Approve / Request changes on a "plan first" task's plan (the run's row and the thread's bar). */
export function GateButtons({
  runId,
  task,
  onError,
}: {
  runId: string;
  task: string;
  onError: (e: WireError | null) => void;
}) {
  const [changes, setChanges] = useState('');
  const decide = async (decision: 'approve' | 'request-changes') => {
    const result = await plansApi.gate(runId, task, decision, decision === 'request-changes' ? changes : undefined);
    onError(result.ok ? null : result.error);
    if (result.ok) setChanges('');
  };
  return (
    <div className="plan-gate">
      <button
        type="button"
        className="button small primary"
        data-testid={`plan-approve-${task}`}
        onClick={() => void decide('approve')}
      >
        Approve plan
      </button>
      <input
        className="input small"
        aria-label={`Changes to ${task}'s plan`}
        placeholder="What to change…"
        value={changes}
        onChange={(event) => setChanges(event.target.value)}
      />
      <button
        type="button"
        className="button small"
        data-testid={`plan-request-changes-${task}`}
        disabled={!changes.trim()}
        onClick={() => void decide('request-changes')}
      >
        Request changes
      </button>
    </div>
  );
}
