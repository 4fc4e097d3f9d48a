import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type Plan, type PlanError, PlanSchema, duplicateNameMessage, formatPlanPath } from '../../shared/plan';

/** Largest plan file read: fifty briefs fit many times over; anything bigger is not a plan. */
export const maxPlanFileBytes = 1024 * 1024;

export type LoadedPlan =
  { readonly plan: Plan; readonly errors: [] } | { readonly plan: null; readonly errors: PlanError[] };

/** Reads and validates a plan file: JSON or YAML, by extension (.json, .yaml, .yml) or else by content. */
export async function loadPlan(file: string): Promise<LoadedPlan> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return failed('', `There is no plan file at ${file}.`);
  if (info.size > maxPlanFileBytes) {
    return failed('', `The plan file ${file} is ${info.size} bytes; a plan is at most ${maxPlanFileBytes} bytes.`);
  }
  return parsePlanText(await readFile(file, 'utf8'), formatOf(file));
}

export type PlanFormat = 'json' | 'yaml' | 'guess';

function formatOf(file: string): PlanFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return 'guess';
}

/** Parses plan text and checks it against the schema; every problem comes back with its path. */
export function parsePlanText(text: string, format: PlanFormat = 'guess'): LoadedPlan {
  const json = format === 'json' || (format === 'guess' && /^\s*[{[]/.test(text));
  let data: unknown;
  try {
    // JSON is YAML too, but JSON.parse's errors are the ones a JSON author expects.
    data = json ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: true });
  } catch (error) {
    const kind = json ? 'JSON' : 'YAML';
    return failed('', `The plan is not valid ${kind}: ${(error as Error).message.split('\n')[0]}`);
  }
  return validatePlan(data);
}

/** Checks parsed data against the plan schema. */
export function validatePlan(data: unknown): LoadedPlan {
  const result = PlanSchema.safeParse(data);
  if (result.success) return { plan: result.data, errors: [] };
  const errors = result.error.issues.flatMap(issueErrors);
  // The schema sees duplicate names only once the rest is valid; say them now, with the rest.
  for (const duplicate of duplicateNames(data)) {
    if (!errors.some((e) => e.path === duplicate.path)) errors.push(duplicate);
  }
  return { plan: null, errors };
}

function duplicateNames(data: unknown): PlanError[] {
  const tasks = (data as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(tasks)) return [];
  const first = new Map<string, number>();
  const errors: PlanError[] = [];
  tasks.forEach((task: unknown, index) => {
    const name = (task as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, index);
    else errors.push({ path: `tasks[${index}].name`, message: duplicateNameMessage(name, earlier) });
  });
  return errors;
}

function issueErrors(issue: z.core.$ZodIssue): PlanError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPlanPath([...issue.path, key]),
      message: `"${key}" is not a field here; check its spelling (docs/plan.schema.json lists the fields).`,
    }));
  }
  // zod leaves the input out of its issues; its own wording is how a missing field shows.
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  return [{ path: formatPlanPath(issue.path), message: missing ? 'is required' : issue.message }];
}

function failed(path: string, message: string): LoadedPlan {
  return { plan: null, errors: [{ path, message }] };
}
