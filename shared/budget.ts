import { z } from 'zod';
import { type TokenCounts, totalTokens } from './usage';

/**
 * A spending cap on a thread, a project or a plan task: so many dollars or so many tokens (every
 * kind counted, cache reads included, as the agents bill them). `stopAtLimit`: the agent is
 * stopped when the cap is reached, not only flagged.
 */
export const BudgetSchema = z.object({
  unit: z.enum(['usd', 'tokens']),
  limit: z.number().positive(),
  stopAtLimit: z.boolean().default(false),
});
export type Budget = z.infer<typeof BudgetSchema>;

/** Where a budget was set. */
export const BudgetScopeSchema = z.enum(['thread', 'project']);
export type BudgetScope = z.infer<typeof BudgetScopeSchema>;

/**
 * A thread near or over a budget (its own or its project's): `warning` from 80 %, `over` from
 * 100 %. `text` is what the views and the notification say.
 */
export const BudgetAlertSchema = z.object({
  level: z.enum(['warning', 'over']),
  scope: BudgetScopeSchema,
  text: z.string(),
});
export type BudgetAlert = z.infer<typeof BudgetAlertSchema>;

/** The share of the budget at which the dispatcher is warned. */
export const budgetWarningShare = 0.8;

/** What counts against a budget of this unit; null when it cannot be told (dollars of an unpriced model). */
export function budgetSpent(
  unit: Budget['unit'],
  usage: (TokenCounts & { costUsd: number | null }) | null,
): number | null {
  if (!usage) return 0;
  return unit === 'usd' ? usage.costUsd : totalTokens(usage);
}

/** "$1.20" or "120k tokens": a budget's amount as the views print it. */
export function formatBudgetAmount(unit: Budget['unit'], amount: number): string {
  return unit === 'usd' ? formatUsd(amount) : `${formatTokens(amount)} tokens`;
}

/** Dollars to the cent ("$0.42"), or to the tenth of a cent below a cent ("$0.004"). */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

/** 950, 12k, 3.4M. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(Math.round(tokens));
  if (tokens < 1_000_000) return `${trim(tokens / 1000)}k`;
  return `${trim(tokens / 1_000_000)}M`;
}

function trim(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
}

/** A thread stopped because a budget with "stop at limit" was used up. */
export const budgetStopReason = 'stopped at its budget';

/** The built-in profiles whose agents leave records Switchyard reads spend from (electron/usage/usage-service.ts). */
export const usageReadingProfiles: ReadonlySet<string> = new Set(['claude', 'codex', 'gemini', 'qwen']);
