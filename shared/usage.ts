import { z } from 'zod';

/**
 * What an agent has spent, read from the agent's own session records (decision 0009). Input
 * counts only the uncached part of the prompt; cache reads and cache writes are counted apart
 * because they are priced apart.
 */
export const TokenCountsSchema = z.object({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  cacheReadTokens: z.number().nonnegative(),
  cacheWriteTokens: z.number().nonnegative(),
});
export type TokenCounts = z.infer<typeof TokenCountsSchema>;

export const tokenKinds = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const;

export const zeroTokens: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

export function subtractTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    inputTokens: a.inputTokens - b.inputTokens,
    outputTokens: a.outputTokens - b.outputTokens,
    cacheReadTokens: a.cacheReadTokens - b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens - b.cacheWriteTokens,
  };
}

export function sameTokens(a: TokenCounts, b: TokenCounts): boolean {
  return tokenKinds.every((kind) => a[kind] === b[kind]);
}

export function totalTokens(counts: TokenCounts): number {
  return counts.inputTokens + counts.outputTokens + counts.cacheReadTokens + counts.cacheWriteTokens;
}

/**
 * A thread's usage as the thread record and the views show it. `costUsd` is null when any of its
 * tokens went to a model the price table does not know (a partial sum would read as the whole);
 * `model` is the one the agent used last.
 */
export const ThreadUsageSchema = TokenCountsSchema.extend({
  costUsd: z.number().nullable(),
  model: z.string().nullable(),
  updatedAt: z.string(),
});
export type ThreadUsage = z.infer<typeof ThreadUsageSchema>;

/** USD per million tokens of each kind. */
export const ModelPriceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/**
 * The price table (shared/model-prices.json): model names as the agents write them, matched by
 * the longest name that starts the model's (so `claude-sonnet-4-5` prices `claude-sonnet-4-5-20250929`);
 * `aliases` map other spellings onto a listed name.
 */
export const PriceTableSchema = z.object({
  /** The day the prices were read off the providers' pages. */
  takenAt: z.string(),
  sources: z.array(z.string()).default([]),
  models: z.record(z.string(), ModelPriceSchema),
  aliases: z.record(z.string(), z.string()).default({}),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

/**
 * The user's own prices (`model-prices.json` in the data folder; Settings will edit it): a model
 * listed here replaces or adds to the built-in table, matched the same way.
 */
export const PriceOverridesSchema = z.object({
  models: z.record(z.string(), ModelPriceSchema).default({}),
  aliases: z.record(z.string(), z.string()).default({}),
});
export type PriceOverrides = z.infer<typeof PriceOverridesSchema>;

export const UsageDeltasSchema = TokenCountsSchema.extend({
  /** Null when the model has no price. */
  costUsd: z.number().nullable(),
});
export type UsageDeltas = z.infer<typeof UsageDeltasSchema>;

/** One line of `usage.jsonl` in the data folder: what one thread spent on one model since the line before. */
export const UsageLogEntrySchema = z.object({
  at: z.string(),
  threadId: z.string(),
  projectId: z.string(),
  planRunId: z.string().nullable(),
  model: z.string().nullable(),
  deltas: UsageDeltasSchema,
});
export type UsageLogEntry = z.infer<typeof UsageLogEntrySchema>;

/** A row of `switchyard usage`: the sum of the log lines of one thread, project or model. */
export const UsageSummaryRowSchema = TokenCountsSchema.extend({
  /** The cost of the priced lines; null when no line had a price. */
  costUsd: z.number().nullable(),
  /** Tokens whose model had no price: their cost is missing from costUsd. */
  unpricedTokens: z.number(),
});
export type UsageSummaryRow = z.infer<typeof UsageSummaryRowSchema>;
