import type { Budget, BudgetAlert } from '../../shared/budget';
import { checkBudgets } from './budgets';
import type { UsageService } from './usage-service';

export interface PlanTaskBudgetOptions {
  readonly usage: UsageService;
  /** The key the task's spend is booked under in usage.jsonl (as a thread id is), e.g. `plan:<run>:<task>`. */
  readonly key: string;
  readonly projectId: string;
  readonly planRunId: string;
  /** The task's worktree, where its agent runs. */
  readonly cwd: string;
  readonly profileId: string;
  readonly budget: Budget;
  readonly since: Date;
  /** The task reached 80 % or 100 % of its budget (each level told once). */
  onAlert(alert: BudgetAlert): void;
  /** The budget says "stop at limit" and is used up: called once. */
  onStop(): void;
}

/**
 * Follows one plan task's spend against the `budget` of its plan entry (shared/plan.ts), for a
 * plan runner: books the spend under the plan run in the cost log and says when the task nears,
 * reaches or must stop at its budget. Returns the function that stops following it.
 */
export async function watchPlanTaskBudget(options: PlanTaskBudgetOptions): Promise<() => void> {
  const { usage, key, budget } = options;
  let told: BudgetAlert['level'] | null = null;
  let stopped = false;
  const unsubscribe = usage.onChange((threadId, spent) => {
    if (threadId !== key) return;
    const verdict = checkBudgets({ thread: { budget, spent }, project: { budget: null, spent: null } });
    if (verdict.alert && verdict.alert.level !== told) {
      told = verdict.alert.level;
      options.onAlert(verdict.alert);
    }
    if (verdict.stop && !stopped) {
      stopped = true;
      options.onStop();
    }
  });
  await usage.track({
    threadId: key,
    projectId: options.projectId,
    planRunId: options.planRunId,
    cwd: options.cwd,
    profileId: options.profileId,
    since: options.since,
  });
  return () => {
    unsubscribe();
    usage.untrack(key);
  };
}
