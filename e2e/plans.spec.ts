import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { git } from './support/git';
import { demoWriting } from './support/plans';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('a pasted plan: overlap warnings on its rows, a dry run with branches, three demo tasks run and landed', async ({
  page,
}) => {
  const { repo, root } = workspace();
  await page.goto(workspace().host.url);
  await page.getByTestId('plans-open').click();
  const view = page.getByTestId('plans-view');

  // Two tasks owning overlapping paths: the check warns on both rows.
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      agent: { profile: 'demo' },
      tasks: [
        { name: 'api', brief: { task: 'API', ownedPaths: ['src/**'] } },
        { name: 'auth', brief: { task: 'Auth', ownedPaths: ['src/auth/**'] } },
      ],
    }),
  );
  await view.getByTestId('plan-use-source').click();
  for (const name of ['api', 'auth']) {
    await expect(view.getByTestId(`plan-task-issues-${name}`)).toContainText(
      /Warning: .*overlap|Warning: .*src\/auth/i,
    );
  }
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');

  // The plan to run: three tasks, "three" after "one".
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      autoLand: true,
      agent: { profile: 'demo' },
      tasks: [
        { name: 'one', brief: { task: 'One', ownedPaths: ['one.txt'] }, agent: await demoWriting(root, 'one.txt') },
        { name: 'two', brief: { task: 'Two', ownedPaths: ['two.txt'] }, agent: await demoWriting(root, 'two.txt') },
        {
          name: 'three',
          brief: { task: 'Three', ownedPaths: ['three.txt'] },
          dependsOn: ['one'],
          agent: await demoWriting(root, 'three.txt'),
        },
      ],
    }),
  );
  await view.getByTestId('plan-use-source').click();
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  await expect(view.getByTestId('plan-task-issues-one')).toHaveCount(0);
  await expect(view.getByTestId('plan-edge-one-three')).toBeAttached();

  await view.getByTestId('plan-dry-run').click();
  const report = view.getByTestId('plan-dry-run-report');
  for (const name of ['one', 'two', 'three']) {
    await expect(report.getByTestId(`plan-dry-branch-${name}`)).toHaveText(`switchyard/${name}`);
  }
  // A dry run creates nothing.
  expect(await git(repo, 'branch', '--list', 'switchyard/*')).toBe('');

  await view.getByTestId('plan-run-start').click();
  const run = view.getByTestId('plan-run');
  for (const name of ['one', 'two', 'three']) {
    await expect(run.getByTestId(`plan-run-task-${name}`)).toHaveAttribute('data-phase', 'landed', { timeout: 60_000 });
  }
  await expect(run).toHaveAttribute('data-run-state', 'done');
  const files = (await git(repo, 'ls-tree', '--name-only', 'main')).split('\n');
  expect(files).toEqual(expect.arrayContaining(['one.txt', 'two.txt', 'three.txt']));
  await expect(view.getByTestId('plan-log')).toContainText('three: landed');
  // Each task is an ordinary thread in the sidebar.
  for (const name of ['one', 'two', 'three']) {
    await expect(page.locator('[data-thread-id]').filter({ hasText: name }).first()).toBeAttached();
  }
});

test('a checklist becomes a table of tasks; a "plan first" task waits on its plan until Approve plan, then lands', async ({
  page,
}) => {
  const { repo, root } = workspace();
  await page.goto(workspace().host.url);
  await page.getByTestId('plans-open').click();
  const view = page.getByTestId('plans-view');

  await view.getByTestId('plan-from-checklist').click();
  await view
    .getByTestId('plan-source-text')
    .fill('# Monday\n- [ ] Add the login form\n- [x] Done already\n- [ ] Fix the API');
  await view.getByTestId('plan-use-source').click();
  await expect(view.getByTestId('plan-task-0').getByLabel('Name')).toHaveValue('add-the-login-form');
  await expect(view.getByTestId('plan-task-1').getByLabel('Task')).toHaveValue('Fix the API');
  await expect(view.getByTestId('plan-task-2')).toHaveCount(0);
  // Nothing owned yet: the check says so on the rows.
  await expect(view.getByTestId('plan-task-issues-fix-the-api')).toBeVisible();

  // A demo agent that writes its plan, then waits at its input box until told the plan is approved.
  const scenario = path.join(root, 'scenario-gate.json');
  await writeFile(
    scenario,
    JSON.stringify({
      name: 'gate',
      steps: [
        { print: 'Planning…', delayMs: 100 },
        { write: { path: '.switchyard/plan.md', content: '1. write gate.txt\n' } },
        { print: 'Plan written to .switchyard/plan.md' },
        { inbox: { until: 'Plan approved: implement it.' } },
        { write: { path: 'gate.txt', content: 'implemented\n' } },
        { commit: 'Add gate.txt' },
        { exit: 0 },
      ],
    }),
  );
  await view.getByTestId('plan-paste').click();
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      autoLand: true,
      agent: { profile: 'demo', scenario, planFirst: true },
      tasks: [{ name: 'gated', brief: { task: 'Gated', ownedPaths: ['gate.txt'] } }],
    }),
  );
  await view.getByTestId('plan-use-source').click();
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  await view.getByTestId('plan-run-start').click();
  const task = view.getByTestId('plan-run').getByTestId('plan-run-task-gated');
  await expect(task).toHaveAttribute('data-phase', 'plan-ready', { timeout: 30_000 });
  await expect(task).toContainText('plan ready for review');
  expect(await git(repo, 'ls-tree', '--name-only', 'main')).not.toContain('gate.txt');
  // The task's thread reads it too: open it from the run and approve the plan there.
  await task.getByRole('button', { name: /gated/ }).click();
  await expect(view).toHaveCount(0);
  const bar = page.getByTestId('thread-view').getByTestId('plan-gate-bar');
  await expect(bar).toContainText('Plan ready for review');
  await bar.getByTestId('plan-approve-gated').click();
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
  await page.getByTestId('plans-open').click();
  await expect(task).toHaveAttribute('data-phase', 'landed', { timeout: 30_000 });
  expect(await git(repo, 'ls-tree', '--name-only', 'main')).toContain('gate.txt');
});

test('Plans opens in the main area like the merge queue: a compact toolbar, check and waves above the briefs at 1280×800', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(workspace().host.url);
  const entry = page.getByTestId('plans-open');
  await entry.click();
  const view = page.locator('.main-area').getByTestId('plans-view');
  await expect(view).toBeVisible();
  await expect(entry).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // The source controls are the app's small ones, on one row.
  for (const id of ['plan-files', 'plan-paste', 'plan-from-checklist']) {
    expect((await view.getByTestId(id).boundingBox())!.height).toBeLessThanOrEqual(26);
  }
  await view.getByTestId('plan-source-text').fill(
    JSON.stringify({
      base: 'main',
      agent: { profile: 'demo' },
      tasks: [
        { name: 'db', brief: { task: 'Add a sessions table', ownedPaths: ['db/**'] } },
        { name: 'api', brief: { task: 'Expose sessions', ownedPaths: ['src/api/**'] }, dependsOn: ['db'] },
        { name: 'ui', brief: { task: 'Show sessions', ownedPaths: ['src/ui/**'] } },
      ],
    }),
  );
  const use = view.getByTestId('plan-use-source');
  expect((await use.boundingBox())!.width).toBeLessThan(200);
  await use.click();
  // The paste box goes once used: the check, the waves and the first brief are in view without scrolling.
  await expect(view.getByTestId('plan-source-text')).toHaveCount(0);
  await expect(view.getByTestId('plan-check')).toHaveAttribute('data-ok', 'true');
  for (const visible of [
    view.getByTestId('plan-check'),
    view.getByTestId('plan-wave-graph'),
    view.getByTestId('plan-run-start'),
    view.getByTestId('plan-task-0'),
  ]) {
    await expect(visible).toBeInViewport();
  }
  // Every column of the briefs fits the view: nothing scrolls sideways.
  const sideways = await view.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);

  // The merge queue takes the main area in its place; the Plans entry opens it again and closes it.
  await page.getByTestId('merge-queue-open').click();
  await expect(page.getByTestId('plans-view')).toHaveCount(0);
  await entry.click();
  await expect(view.getByTestId('plan-task-0')).toBeVisible();
  await entry.click();
  await expect(page.getByTestId('plans-view')).toHaveCount(0);
  await expect(entry).toHaveAttribute('aria-pressed', 'false');
});
