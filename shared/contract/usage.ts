import { z } from 'zod';
import { BudgetSchema } from '../budget';
import { ThreadSchema } from '../models';
import { PriceOverridesSchema, PriceTableSchema, UsageSummaryRowSchema } from '../usage';
import { type ContractGroup, Empty } from './common';

/** What the cost log (`usage.jsonl`) holds, summed per project, model, thread, plan run and day. */
export const UsageSummarySchema = z.object({
  total: UsageSummaryRowSchema,
  projects: z.array(UsageSummaryRowSchema.extend({ projectId: z.string() })),
  models: z.array(UsageSummaryRowSchema.extend({ model: z.string().nullable() })),
  threads: z.array(UsageSummaryRowSchema.extend({ threadId: z.string(), projectId: z.string() })),
  /** Only the lines booked for a plan run. */
  planRuns: z.array(UsageSummaryRowSchema.extend({ planRunId: z.string() })),
  /** Per day of the host's calendar (YYYY-MM-DD), newest first. */
  days: z.array(UsageSummaryRowSchema.extend({ day: z.string() })),
});
export type UsageSummaryView = z.infer<typeof UsageSummarySchema>;

export const PriceTableViewSchema = z.object({ builtIn: PriceTableSchema, overrides: PriceOverridesSchema });
export type PriceTableView = z.infer<typeof PriceTableViewSchema>;

/** `usage.*`: what the agents have spent, budgets on it, and the prices it is costed with. */
export const usageContract = {
  requests: {
    'usage.summary': {
      request: z
        .object({
          /** Lines booked at or after this moment (ISO 8601). */
          since: z.string().datetime({ offset: true }).optional(),
          projectId: z.string().min(1).optional(),
        })
        .strict(),
      response: UsageSummarySchema,
    },
    /** A thread's own budget (null removes it). */
    'usage.setThreadBudget': {
      request: z.object({ threadId: z.string().min(1), budget: BudgetSchema.nullable() }).strict(),
      response: ThreadSchema,
    },
    /** Every project's budget, by project id. */
    'usage.projectBudgets': { request: Empty, response: z.record(z.string(), BudgetSchema) },
    'usage.setProjectBudget': {
      request: z.object({ projectId: z.string().min(1), budget: BudgetSchema.nullable() }).strict(),
      response: BudgetSchema.nullable(),
    },
    /** The built-in prices and the user's overrides (USD per million tokens). */
    'usage.prices': { request: Empty, response: PriceTableViewSchema },
    'usage.setPriceOverrides': { request: PriceOverridesSchema.strict(), response: PriceTableViewSchema },
  },
  events: {},
} as const satisfies ContractGroup<'usage'>;
