import { z } from 'zod';
import { BriefSchema } from './brief';
import { BudgetSchema } from './budget';
import { branchNameProblem } from './branch-name';

/**
 * A plan: one file that dispatches a batch of briefs — which branch they start from, where they
 * land, which agent runs each, what runs before, between and after (issue 14). The published
 * JSON Schema (docs/plan.schema.json) is generated from this one (scripts/plan-schema.mjs).
 */

/** Most tasks one plan may hold: a morning's work, not a backlog. */
export const maxPlanTasks = 50;
/** Most agents a plan may run at once. */
export const maxPlanParallel = 16;

const commandMessage =
  'must be a command: a string such as "npm test" (split into words like a shell would, without one) or an argv array such as ["npm", "test"]';

/**
 * A command as argv, or as one line split into words the way the review splits verification
 * commands (quotes and backslashes group; shell syntax is refused unless the plan names a shell).
 */
export const PlanCommandSchema = z.union(
  [z.string().trim().min(1).max(2000), z.array(z.string().min(1).max(2000)).min(1).max(200)],
  { error: commandMessage },
);
export type PlanCommand = z.infer<typeof PlanCommandSchema>;

/** How an agent runs: a profile id (`switchyard doctor` lists them) and the launch choices. */
export const PlanAgentSchema = z
  .object({
    profile: z.string().trim().min(1).max(100).describe('Agent profile id: claude, codex, gemini, demo, custom…'),
    mode: z.enum(['interactive', 'headless']).optional().describe('Default: interactive'),
    approval: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("One of the profile's approval modes; default: its safe default"),
    scenario: z.string().trim().min(1).max(200).optional().describe('The demo agent’s scenario'),
    command: PlanCommandSchema.optional().describe('The program and its arguments, for the custom profile'),
    planFirst: z
      .boolean()
      .optional()
      .describe(
        'In the app: ask the agent for its plan before it changes files, and go on only once the plan is approved',
      ),
  })
  .strict();
export type PlanAgent = z.infer<typeof PlanAgentSchema>;

/** A task's own agent settings, laid over the plan's (see taskAgent). */
export const PlanAgentOverrideSchema = PlanAgentSchema.partial().strict();
export type PlanAgentOverride = z.infer<typeof PlanAgentOverrideSchema>;

/** Task names become branch and folder names as they are: lowercase words joined by single dashes. */
const taskNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PlanTaskSchema = z
  .object({
    name: z.string().max(48).regex(taskNamePattern, {
      message:
        'must be lowercase letters and digits in words joined by single dashes (like "api-auth"): it becomes the branch switchyard/<name>',
    }),
    brief: BriefSchema,
    dependsOn: z
      .array(z.string().min(1).max(100))
      .max(maxPlanTasks)
      .default([])
      .describe('Names of tasks to land first'),
    agent: PlanAgentOverrideSchema.optional(),
    /** Issue 15: run the task more than once, each attempt on switchyard/<name>/attempt-<k>, and land one. */
    attempts: z
      .union([z.number().int().min(2).max(6), z.array(PlanAgentSchema).min(2).max(6)], {
        error: 'must be a number from 2 to 6, or a list of 2 to 6 agents',
      })
      .optional()
      .describe(
        "Run the task's agent this many times, or each listed agent once, each on switchyard/<name>/attempt-<k>; one attempt lands",
      ),
    pick: z
      .enum(['auto', 'manual'])
      .optional()
      .describe(
        'Which attempt lands. auto (default): verified first, then the smallest change, then the fastest. manual: chosen in the app (the command line refuses it)',
      ),
    budget: BudgetSchema.strict()
      .optional()
      .describe(
        'Spending cap of the task\'s thread (of each attempt): {"unit": "usd" or "tokens", "limit": n, "stopAtLimit": true to stop the agent there}; warned at 80 %. switchyard plan run always stops it there (status over-budget)',
      ),
  })
  .strict();
export type PlanTask = z.infer<typeof PlanTaskSchema>;

const branchField = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(250)
    .superRefine((name, ctx) => {
      const problem = branchNameProblem(name, what);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const PlanSchema = z
  .object({
    $schema: z.string().optional(),
    base: branchField('base branch').describe('The branch the first wave starts from'),
    target: branchField('target branch').optional().describe('Where tasks land; default: base'),
    worktreeRoot: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe("Where the tasks' worktrees go, relative to the repository; default: <repo>.worktrees"),
    maxParallel: z.number().int().min(1).max(maxPlanParallel).default(3),
    agent: PlanAgentSchema,
    shell: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .optional()
      .describe('Run string commands as [shell, "-c", command]; without it shell syntax is refused'),
    preflight: z.array(PlanCommandSchema).max(50).default([]),
    verify: PlanCommandSchema.optional().describe('Run in the target after each task lands'),
    postflight: z.array(PlanCommandSchema).max(50).default([]),
    timeoutMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(45),
    autoLand: z.boolean().default(false).describe('In the app: land without review approval'),
    tasks: z.array(PlanTaskSchema).min(1).max(maxPlanTasks),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.tasks.forEach((task, index) => {
      const first = seen.get(task.name);
      if (first === undefined) seen.set(task.name, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', index, 'name'],
          message: duplicateNameMessage(task.name, first),
        });
    });
  })
  .transform((plan) => ({ ...plan, target: plan.target ?? plan.base }));
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

export function duplicateNameMessage(name: string, firstIndex: number): string {
  return `"${name}" is already the name of tasks[${firstIndex}]; task names must be unique.`;
}

/**
 * The agent a task runs: its override laid over the plan's. Naming another profile starts from
 * that profile alone — the plan's approval mode and command were chosen for a different tool.
 */
export function taskAgent(plan: Pick<Plan, 'agent'>, task: Pick<PlanTask, 'agent'>): PlanAgent {
  const override = task.agent ?? {};
  const base = override.profile && override.profile !== plan.agent.profile ? { profile: override.profile } : plan.agent;
  return { ...base, ...override } as PlanAgent;
}

/** The JSON Schema of a plan file, as published in docs/plan.schema.json. */
export function planJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' });
  return {
    $schema,
    title: 'Switchyard plan',
    description:
      'One file that dispatches a batch of agent tasks: switchyard plan check FILE, switchyard plan run FILE.',
    ...schema,
  };
}

/** A path inside the plan, as errors name it: `tasks[1].dependsOn`. */
export function formatPlanPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A reason the plan cannot run, at a path inside it (`""` for the file as a whole). */
export interface PlanError {
  readonly path: string;
  readonly message: string;
}

export const planWarningKinds = ['overlap', 'hazard', 'hazard-unowned', 'no-owned-paths', 'new-target'] as const;
export type PlanWarningKind = (typeof planWarningKinds)[number];

/** Something the plan may mean to do but the dispatcher should see first; it does not stop a run. */
export interface PlanWarning {
  readonly kind: PlanWarningKind;
  readonly tasks: readonly string[];
  readonly paths: readonly string[];
  readonly message: string;
}

/** What `switchyard plan check --json` prints. */
export interface PlanCheckResult {
  readonly ok: boolean;
  readonly errors: readonly PlanError[];
  readonly warnings: readonly PlanWarning[];
  readonly waves: readonly (readonly string[])[];
}
