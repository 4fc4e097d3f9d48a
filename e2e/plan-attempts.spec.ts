import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { demoWriting, runPastedPlan } from './support/plans';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('a plan task with two attempts and "pick":"manual" waits for a pick in Compare, then lands the picked one', async ({
  page,
}) => {
  const { repo, root } = workspace();
  await page.goto(workspace().host.url);
  const { view, run } = await runPastedPlan(page, {
    base: 'main',
    autoLand: true,
    agent: { profile: 'demo' },
    tasks: [
      {
        name: 'pick',
        brief: { task: 'Pick', ownedPaths: ['pick.txt'] },
        attempts: [
          await demoWriting(root, 'big', { file: 'pick.txt', lines: 30 }),
          await demoWriting(root, 'small', { file: 'pick.txt', lines: 1 }),
        ],
        pick: 'manual',
      },
    ],
  });
  const task = run.getByTestId('plan-run-task-pick');
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

test('"pick":"auto" with no attempt to pick: the run says why it waits, Compare picks one, it lands and its dependent runs; Stop ends such a wait', async ({
  page,
}) => {
  const { repo, root } = workspace();
  await page.goto(workspace().host.url);
  // Both attempts commit, then their agents fail: the automatic pick takes no failed agent's work.
  const plan = async (suffix: string) => ({
    base: 'main',
    autoLand: true,
    agent: { profile: 'demo' },
    tasks: [
      {
        name: `pick${suffix}`,
        brief: { task: 'Pick', ownedPaths: [`pick${suffix}.txt`] },
        attempts: [
          await demoWriting(root, `one${suffix}`, { file: `pick${suffix}.txt`, lines: 2, exit: 1 }),
          await demoWriting(root, `two${suffix}`, { file: `pick${suffix}.txt`, lines: 1, exit: 1 }),
        ],
      },
      {
        name: `later${suffix}`,
        brief: { task: 'Later', ownedPaths: [`later${suffix}.txt`] },
        dependsOn: [`pick${suffix}`],
        agent: await demoWriting(root, `later${suffix}`, { file: `later${suffix}.txt` }),
      },
    ],
  });
  const { view, run } = await runPastedPlan(page, await plan(''));
  const task = run.getByTestId('plan-run-task-pick');
  await expect(task).toHaveAttribute('data-phase', 'pick-attempt', { timeout: 60_000 });
  await expect(task).toContainText('no attempt could be picked automatically');
  await expect(task).toContainText('attempt 1: its agent failed (exit 1)');
  await expect(view.getByTestId('plan-log')).toContainText('pick-needed');
  expect(await git(repo, 'ls-tree', '--name-only', 'main')).not.toContain('pick.txt');

  // The attempt's thread says what the run waits for; Compare from there, pick the first.
  await task.getByTestId('plan-compare-pick').click();
  await page.keyboard.press('Escape');
  await threadItem(page, 'pick · attempt 1').click();
  const bar = page.getByTestId('thread-view').getByTestId('plan-gate-bar');
  await expect(bar).toContainText('no attempt could be picked automatically');
  await bar.getByTestId('plan-gate-compare').click();
  const compare = page.getByTestId('compare-table');
  await compare.getByTestId('compare-column').and(page.locator('[data-k="1"]')).getByTestId('compare-pick').click();
  await expect(compare.getByTestId('compare-column').and(page.locator('[data-k="2"]'))).toHaveAttribute(
    'data-state',
    'set-aside',
    { timeout: 30_000 },
  );
  await page.keyboard.press('Escape');
  await page.getByTestId('plans-open').click();
  await expect(run.getByTestId('plan-run-task-later')).toHaveAttribute('data-phase', 'landed', { timeout: 60_000 });
  await expect(task).toHaveAttribute('data-phase', 'landed');
  await expect(run).toHaveAttribute('data-run-state', 'done');
  expect(await git(repo, 'show', 'main:pick.txt')).toMatch(/^one 0\none 1/);

  // A second run waiting the same way: Stop ends it, its attempts kept.
  const second = await runPastedPlan(page, await plan('-b'));
  const waiting = second.run.getByTestId('plan-run-task-pick-b');
  await expect(waiting).toHaveAttribute('data-phase', 'pick-attempt', { timeout: 60_000 });
  await second.run.getByTestId('plan-stop').click();
  await expect(second.run).toHaveAttribute('data-run-state', 'stopped', { timeout: 30_000 });
  await expect(waiting).toHaveAttribute('data-phase', 'not-run');
  expect(await git(repo, 'branch', '--list', 'switchyard/pick-b/*')).toContain('switchyard/pick-b/attempt-2');
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
