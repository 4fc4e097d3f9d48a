import { parse as parseYaml } from 'yaml';
import type { PlanCheckResultView } from '../../shared/contract/plans';

/** A plan as the editor's table holds it: the file's fields, loosely typed (the check says what is wrong). */
export interface DraftTask {
  name: string;
  brief: { task: string; ownedPaths?: string[]; verificationCommands?: string[]; [key: string]: unknown };
  dependsOn?: string[];
  agent?: { profile?: string; scenario?: string; planFirst?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

export interface DraftPlan {
  base: string;
  target?: string;
  maxParallel?: number;
  autoLand?: boolean;
  verify?: string | string[];
  agent: { profile: string; scenario?: string; planFirst?: boolean; [key: string]: unknown };
  tasks: DraftTask[];
  [key: string]: unknown;
}

/** A new plan's starting point. */
export const emptyPlan: DraftPlan = {
  base: 'main',
  autoLand: false,
  agent: { profile: 'claude' },
  tasks: [{ name: 'first-task', brief: { task: '', ownedPaths: [] }, dependsOn: [] }],
};

/** Reads pasted or opened text (JSON or YAML) into the table; null with why when it is not a plan-shaped object. */
export function parseDraft(text: string): { plan: DraftPlan } | { error: string } {
  let data: unknown;
  try {
    data = text.trim().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { error: `Not JSON or YAML: ${(error as Error).message}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { error: 'A plan is an object with "base", "agent" and "tasks".' };
  const plan = data as DraftPlan;
  if (!Array.isArray(plan.tasks)) return { error: 'The plan has no "tasks" list.' };
  if (!plan.agent || typeof plan.agent !== 'object') plan.agent = { profile: 'claude' };
  return { plan };
}

/** The text the check and the file get: JSON, two-space indented. */
export function draftText(plan: DraftPlan): string {
  return JSON.stringify(plan, null, 2);
}

/** "a, b ,c" → ["a", "b", "c"]. */
export function listFrom(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface RowIssue {
  readonly level: 'error' | 'warning';
  readonly message: string;
}

/**
 * What the check says about the task at `index` (named `name`): errors at `tasks[index]…`, and
 * warnings (overlaps, hazards) that name the task.
 */
export function rowIssues(check: PlanCheckResultView | null, index: number, name: string): RowIssue[] {
  if (!check) return [];
  const prefix = `tasks[${index}]`;
  const errors = check.errors
    .filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`))
    .map((e) => ({
      level: 'error' as const,
      message: `${e.path.slice(prefix.length).replace(/^\./, '') || 'task'}: ${e.message}`,
    }));
  const warnings = check.warnings
    .filter((w) => w.tasks.includes(name))
    .map((w) => ({ level: 'warning' as const, message: w.message }));
  return [...errors, ...warnings];
}

/** Errors about the plan as a whole (not one task's). */
export function planIssues(check: PlanCheckResultView | null): RowIssue[] {
  if (!check) return [];
  return [
    ...check.errors
      .filter((e) => !e.path.startsWith('tasks['))
      .map((e) => ({ level: 'error' as const, message: `${e.path ? `${e.path}: ` : ''}${e.message}` })),
    ...check.warnings
      .filter((w) => w.tasks.length === 0)
      .map((w) => ({ level: 'warning' as const, message: w.message })),
  ];
}

/** The agent a task runs: its own profile, else the plan's. */
export function taskProfile(plan: DraftPlan, task: DraftTask): string {
  return task.agent?.profile || plan.agent.profile;
}

/**
 * The one agent setting a row offers beside its agent: the demo agent's scenario, or the command
 * of a profile that takes one (custom); null for the others.
 */
export function agentSettingOf(profile: string, takesCommand: boolean): 'scenario' | 'command' | null {
  if (profile === 'demo') return 'scenario';
  return takesCommand ? 'command' : null;
}

/** The setting as the row's field shows it (an argv command joined by spaces). */
export function agentSettingText(task: DraftTask, key: 'scenario' | 'command'): string {
  const value = task.agent?.[key];
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : '';
}

/** The task with its agent's scenario or command set (a string, split like the plan's commands), or removed when empty. */
export function withAgentSetting(task: DraftTask, key: 'scenario' | 'command', text: string): DraftTask {
  const { [key]: _old, ...agent } = task.agent ?? {};
  const next = text.trim() ? { ...agent, [key]: text } : agent;
  if (Object.keys(next).length > 0) return { ...task, agent: next };
  const { agent: _gone, ...rest } = task;
  return rest as DraftTask;
}
