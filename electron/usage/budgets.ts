import {
  type Budget,
  type BudgetAlert,
  type BudgetScope,
  budgetSpent,
  budgetWarningShare,
  formatBudgetAmount,
} from '../../shared/budget';
import { type TokenCounts, addTokens, totalTokens, zeroTokens } from '../../shared/usage';

/** Tokens and dollars spent; `costUsd` null when some of the tokens went to a model without a price. */
export type Spend = TokenCounts & { readonly costUsd: number | null };

export const noSpend: Spend = { ...zeroTokens, costUsd: 0 };

/** Two spends together; the dollars are unknown as soon as either side's are (a partial sum would read as the whole). */
export function addSpend(a: Spend, b: Spend): Spend {
  const cost = (s: Spend) => (s.costUsd === null && totalTokens(s) > 0 ? null : (s.costUsd ?? 0));
  const ca = cost(a);
  const cb = cost(b);
  return { ...addTokens(a, b), costUsd: ca === null || cb === null ? null : ca + cb };
}

export interface BudgetInputs {
  /** The thread's own budget and what the thread has spent. */
  readonly thread: { readonly budget: Budget | null; readonly spent: Spend | null };
  /** Its project's budget and what every thread of the project has spent. */
  readonly project: { readonly budget: Budget | null; readonly spent: Spend | null };
}

export interface BudgetVerdict {
  /** The worst of the two budgets' states (the thread's own first when equal); null below 80 %. */
  readonly alert: BudgetAlert | null;
  /** A budget with "stop at limit" is used up: the agent is to be stopped. */
  readonly stop: boolean;
}

const rank = { warning: 1, over: 2 } as const;

/** Where a thread stands against its own budget and its project's: warned at 80 %, over at 100 %. */
export function checkBudgets(inputs: BudgetInputs): BudgetVerdict {
  const thread = scopeAlert('thread', inputs.thread.budget, inputs.thread.spent);
  const project = scopeAlert('project', inputs.project.budget, inputs.project.spent);
  const alerts = [thread, project].filter((a): a is ScopeAlert => a !== null);
  const worst = alerts.reduce<ScopeAlert | null>(
    (best, a) => (!best || rank[a.alert.level] > rank[best.alert.level] ? a : best),
    null,
  );
  return { alert: worst?.alert ?? null, stop: alerts.some((a) => a.alert.level === 'over' && a.stopAtLimit) };
}

interface ScopeAlert {
  readonly alert: BudgetAlert;
  readonly stopAtLimit: boolean;
}

function scopeAlert(scope: BudgetScope, budget: Budget | null, spent: Spend | null): ScopeAlert | null {
  if (!budget) return null;
  const amount = budgetSpent(budget.unit, spent);
  // Dollars of a model without a price cannot be weighed against a dollar budget.
  if (amount === null) return null;
  const share = amount / budget.limit;
  if (share < budgetWarningShare) return null;
  const level = share >= 1 ? 'over' : 'warning';
  const whose = scope === 'thread' ? 'budget' : "project's budget";
  const figures = `${formatBudgetAmount(budget.unit, amount)} of ${formatBudgetAmount(budget.unit, budget.limit)}`;
  const text =
    level === 'over'
      ? `over ${scope === 'thread' ? 'its' : 'the'} ${whose}: ${figures}`
      : `${Math.floor(share * 100)} % of ${scope === 'thread' ? 'its' : 'the'} ${whose}: ${figures}`;
  return { alert: { level, scope, text }, stopAtLimit: budget.stopAtLimit };
}
