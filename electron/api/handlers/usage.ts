import type { usageContract } from '../../../shared/contract/usage';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Spend from the cost log, budgets and prices: all through the usage wiring (usage/thread-usage-wiring.ts). */
export function usageHandlers({ usage }: HandlerDeps): HandlersOf<typeof usageContract> {
  return {
    'usage.summary': ({ since, projectId }) =>
      usage.summary({ since: since ? new Date(since) : null, projectId: projectId ?? null }),
    'usage.setThreadBudget': ({ threadId, budget }) => usage.setThreadBudget(threadId, budget),
    'usage.projectBudgets': () => usage.projectBudgets(),
    'usage.setProjectBudget': ({ projectId, budget }) => usage.setProjectBudget(projectId, budget),
    'usage.prices': () => usage.priceTable(),
    'usage.setPriceOverrides': async (overrides) => {
      await usage.setPriceOverrides(overrides);
      return usage.priceTable();
    },
  };
}
