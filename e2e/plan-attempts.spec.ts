import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { git } from './support/git';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** A demo agent writing `lines` lines to pick.txt and committing them. */
async function demoWriting(root: string, name: string, lines: number) {
  const scenario = path.join(root, `scenario-${name}.json`);
  const content = Array.from({ length: lines }, (_, i) => `${name} ${i}`).join('\n') + '\n';
  await writeFile(
    scenario,
    JSON.stringify({
      name,
      steps: [
        { print: `Writing ${name}`, delayMs: 100 },
        { write: { path: 'pick.txt', content } },
        { commit: `Add pick.txt (${name})` },
        { exit: 0 },
      ],
    }),
  );
  return { profile: 'demo', scenario };
}

test('a plan task with two attempts and "pick":"manual" waits for a pick in Compare, then lands the picked one', async ({
  page,
}) => {
  const { repo, root } = workspace();
  await page.goto(workspace().host.url);
  await page.getByTestId('plans-open').click();
  const view = page.getByTestId('plans-view');
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      autoLand: true,
      agent: { profile: 'demo' },
      tasks: [
        {
          name: 'pick',
          brief: { task: 'Pick', ownedPaths: ['pick.txt'] },
          attempts: [await demoWriting(root, 'big', 30), await demoWriting(root, 'small', 1)],
          pick: 'manual',
        },
      ],
    }),
  );
  await view.getByTestId('plan-use-source').click();
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  await view.getByTestId('plan-run-start').click();

  const task = view.getByTestId('plan-run').getByTestId('plan-run-task-pick');
  await expect(task).toHaveAttribute('data-phase', 'pick-attempt', { timeout: 60_000 });
  await expect(task).toContainText('pick an attempt');
  expect(await git(repo, 'ls-tree', '--name-only', 'main')).not.toContain('pick.txt');

  // Compare opens over the threads: both attempts side by side.
  await task.getByTestId('plan-compare-pick').click();
  await expect(view).toHaveCount(0);
  const compare = page.getByTestId('compare-table');
  await expect(compare.getByTestId('compare-column')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(compare).toHaveCount(0);
  // An attempt's own thread says so too, with Compare there; keep the bigger one.
  await threadItem(page, 'pick · attempt 2').click();
  const bar = page.getByTestId('thread-view').getByTestId('plan-gate-bar');
  await expect(bar).toContainText('Pick an attempt');
  await bar.getByTestId('plan-gate-compare').click();
  await expect(compare.getByTestId('compare-column')).toHaveCount(2);
  await compare.getByTestId('compare-column').and(page.locator('[data-k="1"]')).getByTestId('compare-pick').click();
  await expect(compare.getByTestId('compare-column').and(page.locator('[data-k="2"]'))).toHaveAttribute(
    'data-state',
    'set-aside',
    { timeout: 30_000 },
  );
  await page.keyboard.press('Escape');

  await page.getByTestId('plans-open').click();
  await expect(task).toHaveAttribute('data-phase', 'landed', { timeout: 60_000 });
  expect(await git(repo, 'show', 'main:pick.txt')).toMatch(/^big 0\n/);
  expect(await git(repo, 'for-each-ref', '--format=%(refname)', 'refs/switchyard/attempts/')).toMatch(
    /refs\/switchyard\/attempts\/plan-.*-pick\/2/,
  );
});

test("a row's agent field: the demo agent's scenario, or a custom command, reaches the plan and its dry run", async ({
  page,
}) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('plans-open').click();
  const view = page.getByTestId('plans-view');
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      agent: { profile: 'demo' },
      tasks: [{ name: 'docs', brief: { task: 'Docs', ownedPaths: ['docs/**'] } }],
    }),
  );
  await view.getByTestId('plan-use-source').click();
  const row = view.getByTestId('plan-task-0');
  await expect(row.getByTestId('plan-task-command-docs')).toHaveCount(0);
  await row.getByTestId('plan-task-scenario-docs').fill('quick');
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  await view.getByTestId('plan-dry-run').click();
  await expect(view.getByTestId('plan-dry-run-report')).toContainText('quick');

  // A custom command instead: the command field replaces the scenario, and the dry run runs it.
  await row.getByLabel('Agent').selectOption('custom');
  await expect(row.getByTestId('plan-task-scenario-docs')).toHaveCount(0);
  await row.getByTestId('plan-task-command-docs').fill('echo writing-docs');
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  await view.getByTestId('plan-dry-run').click();
  await expect(view.getByTestId('plan-dry-run-report')).toContainText('echo writing-docs');
});
