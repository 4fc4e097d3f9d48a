import type { Budget } from '../../shared/budget';
import type { RequestChannel, RequestOf, ResponseOf, Result } from '../../shared/contract';
import type { PriceOverrides } from '../../shared/usage';
import { getBridge } from '../transport/bridge';

function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return getBridge().invoke(channel, request);
}

/** The usage group's requests (shared/contract/usage.ts); the thread's new budget comes back as thread.updated too. */
export const usageApi = {
  summary: (request: RequestOf<'usage.summary'>) => invoke('usage.summary', request),
  setThreadBudget: (threadId: string, budget: Budget | null) => invoke('usage.setThreadBudget', { threadId, budget }),
  projectBudgets: () => invoke('usage.projectBudgets', {}),
  setProjectBudget: (projectId: string, budget: Budget | null) =>
    invoke('usage.setProjectBudget', { projectId, budget }),
  prices: () => invoke('usage.prices', {}),
  setPriceOverrides: (overrides: PriceOverrides) => invoke('usage.setPriceOverrides', overrides),
};
