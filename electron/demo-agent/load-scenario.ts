import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  builtinScenarioNames,
  builtinScenarios,
  defaultScenarioName,
  isBuiltinScenarioName,
} from './builtin-scenarios';
import { exitCodes } from './exit-codes';
import { type Scenario, ScenarioSchema, stepKinds, stepSchemas, type StepKind } from './scenario';

/** The scenario cannot be used; the program prints the message and exits with `exitCode`. */
export class ScenarioLoadError extends Error {
  readonly exitCode = exitCodes.badScenario;
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioLoadError';
  }
}

/**
 * `--scenario` is a builtin name or a JSON file (relative to the working folder). Builtin
 * names win, so a stray file called "feature" cannot change the demo.
 */
export async function loadScenario(nameOrPath: string | undefined, cwd: string): Promise<Scenario> {
  const spec = nameOrPath?.trim() || defaultScenarioName;
  if (isBuiltinScenarioName(spec)) return builtinScenarios[spec];

  const file = path.resolve(cwd, spec);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ScenarioLoadError(
        `Unknown scenario "${spec}": it is not a builtin (${builtinScenarioNames.join(', ')}) and there is no file ${file}.`,
      );
    }
    throw new ScenarioLoadError(`Cannot read scenario file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioLoadError(`Scenario file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(raw, file);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a scenario step by step, so the error names the step (1-based) and its action
 * rather than listing every way a union could have failed.
 */
export function parseScenario(raw: unknown, source: string): Scenario {
  const where = `Scenario ${source}`;
  if (!isPlainObject(raw))
    throw new ScenarioLoadError(
      `${where} must be a JSON object { "name": ..., "steps": [...] }, got ${describe(raw)}.`,
    );
  if (typeof raw.name !== 'string' || raw.name === '')
    throw new ScenarioLoadError(`${where} needs a non-empty "name" string.`);
  if (!Array.isArray(raw.steps)) throw new ScenarioLoadError(`${where} needs a "steps" array.`);

  raw.steps.forEach((step: unknown, index) => {
    const label = `${where}, step ${index + 1} ${describe(step)}`;
    if (!isPlainObject(step))
      throw new ScenarioLoadError(`${label}: a step is an object with one action key (${stepKinds.join(', ')}).`);
    const actions = Object.keys(step).filter((key): key is StepKind => (stepKinds as string[]).includes(key));
    if (actions.length === 0) {
      throw new ScenarioLoadError(`${label}: unknown step; expected one of ${stepKinds.join(', ')}.`);
    }
    if (actions.length > 1)
      throw new ScenarioLoadError(`${label}: one action per step, found ${actions.join(' and ')}.`);
    const [action] = actions as [StepKind];
    const result = stepSchemas[action].safeParse(step);
    if (!result.success) throw new ScenarioLoadError(`${label} (${action}): ${formatIssues(result.error.issues)}`);
  });

  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) throw new ScenarioLoadError(`${where}: ${formatIssues(result.error.issues)}`);
  return result.data;
}
