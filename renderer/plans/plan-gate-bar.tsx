import { useMemo, useState } from 'react';
import type { WireError } from '../../shared/errors';
import { useAttemptsStore } from '../attempts/attempts-store';
import { InlineError } from '../ui/inline-error';
import { usePlansStore } from './plans-store';
import { GateButtons } from './run-panel';

/**
 * Over a plan task's thread: "plan ready for review" with Approve / Request changes while its
 * plan-first gate holds, and that it lands once its review is approved while it waits for that.
 */
export function PlanGateBar({ threadId }: { threadId: string }) {
  const [error, setError] = useState<WireError | null>(null);
  const runs = usePlansStore((state) => state.runs);
  // Selected whole and searched here: a selector making a new object each time would re-render for ever.
  const groups = useAttemptsStore((state) => state.groups);
  const found = useMemo(() => {
    // An attempt's thread belongs to its task through the task's attempt group.
    const inGroup = (groupId: string | null) =>
      groupId !== null && groups[groupId]?.attempts.some((a) => a.threadId === threadId) === true;
    for (const run of Object.values(runs)) {
      const task = run.tasks.find(
        (t) => t.threadId === threadId || (t.phase === 'pick-attempt' && inGroup(t.attemptGroupId)),
      );
      if (task) return { runId: run.runId, task };
    }
    return null;
  }, [runs, groups, threadId]);
  if (!found) return null;
  const { runId, task } = found;
  if (task.phase === 'plan-ready') {
    return (
      <div className="plan-gate-bar" data-testid="plan-gate-bar" role="status">
        <strong>Plan ready for review</strong>
        <span className="muted">
          {' '}
          — task {task.name} of plan run {runId}: read its plan in the terminal (or .switchyard/plan.md), then
        </span>
        <GateButtons runId={runId} task={task.name} onError={setError} />
        <InlineError error={error} testId="plan-gate-error" />
      </div>
    );
  }
  if (task.phase === 'pick-attempt' && task.attemptGroupId) {
    const groupId = task.attemptGroupId;
    return (
      <div className="plan-gate-bar" data-testid="plan-gate-bar" role="status">
        <strong>Pick an attempt</strong>
        <span className="muted">
          {' '}
          — task {task.name} of plan run {runId} waits for one of its attempts to be picked
          {/* Why (e.g. the automatic pick found none) and what ends the wait, as the run says it. */}
          {task.note ? `: ${task.note}` : '.'}{' '}
        </span>
        <button
          type="button"
          className="button small primary"
          data-testid="plan-gate-compare"
          onClick={() => useAttemptsStore.getState().openCompare(groupId)}
        >
          Compare attempts
        </button>
      </div>
    );
  }
  if (task.phase === 'awaiting-approval') {
    return (
      <div className="plan-gate-bar" data-testid="plan-gate-bar" role="status">
        Task {task.name} of plan run {runId} is verified: it lands in the plan&apos;s target once you approve its
        review.
      </div>
    );
  }
  return null;
}
