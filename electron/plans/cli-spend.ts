import type { BudgetAlert } from '../../shared/budget';
import { watchPlanTaskBudget } from '../usage/plan-task-budget';
import type { UsageService } from '../usage/usage-service';
import type { SpendWatch } from './plan-runner';
import type { ResolvedTask } from './resolve-plan';

/**
 * The CLI run's watchSpend (plan-runner.ts): each task's (and attempt's) agent is followed in its
 * own session records (UsageService), booked in usage.jsonl under the plan run, and held to the
 * task's budget. Unattended, over budget always means stopped: nobody is there to be told.
 */
export function cliSpendWatcher(usage: UsageService, projectId: string) {
  return async (run: ResolvedTask, spend: SpendWatch): Promise<() => Promise<void>> => {
    const key = `plan:${spend.runId}:${run.name}${run.attempt === null ? '' : `:attempt-${run.attempt}`}`;
    const tracked = {
      projectId,
      planRunId: spend.runId,
      cwd: run.worktree,
      profileId: run.profile.id,
      since: spend.since,
    };
    let unwatch: () => void;
    const budget = run.budget;
    if (budget) {
      let last: BudgetAlert | null = null;
      unwatch = await watchPlanTaskBudget({
        usage,
        key,
        ...tracked,
        budget: { ...budget, stopAtLimit: true },
        onAlert: (alert) => {
          last = alert;
          if (alert.level === 'warning') spend.warning({ budget, message: alert.text });
        },
        onStop: () => spend.over({ budget, message: last?.text ?? 'over its budget', usage: usage.usage(key) }),
      });
    } else {
      await usage.track({ threadId: key, ...tracked });
      unwatch = () => usage.untrack(key);
    }
    return async () => {
      await usage.refresh();
      unwatch();
    };
  };
}
