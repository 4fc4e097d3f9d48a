import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The demo agent with a scenario of its own: it writes `lines` lines ("<name> 0", …) to `file`
 * and commits them (none: no commit), then exits with `exit`. Each task or attempt gets its own,
 * so they never collide (the built-in scenarios name their file after the prompt, the same brief
 * template for every task).
 */
export async function demoWriting(
  root: string,
  name: string,
  { file = name, lines = 1, exit = 0 }: { file?: string; lines?: number; exit?: number } = {},
): Promise<{ profile: 'demo'; scenario: string }> {
  const scenario = path.join(root, `scenario-${name}.json`);
  const content = Array.from({ length: lines }, (_, i) => `${name} ${i}`).join('\n') + '\n';
  const steps = [
    { print: `Writing ${name}`, delayMs: 100 },
    ...(lines > 0 ? [{ write: { path: file, content } }, { commit: `Add ${file} (${name})` }] : []),
    { print: 'Done.' },
    { exit },
  ];
  await writeFile(scenario, JSON.stringify({ name, steps }));
  return { profile: 'demo', scenario };
}

/** Opens Plans (unless open) and pastes `plan` into it; its check passes. Returns the Plans view. */
export async function pastePlan(page: Page, plan: unknown): Promise<Locator> {
  const view = page.getByTestId('plans-view');
  // The Plans entry toggles the view.
  if ((await view.count()) === 0) await page.getByTestId('plans-open').click();
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(JSON.stringify(plan));
  await view.getByTestId('plan-use-source').click();
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  return view;
}

/** Pastes `plan` and runs it. Returns the Plans view and its run panel. */
export async function runPastedPlan(page: Page, plan: unknown): Promise<{ view: Locator; run: Locator }> {
  const view = await pastePlan(page, plan);
  await view.getByTestId('plan-run-start').click();
  return { view, run: view.getByTestId('plan-run') };
}
