import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** A custom-command agent that writes one file and commits it (argv: no shell line built from user text). */
const committing = (file: string) => ({
  profile: 'custom',
  command: ['/bin/sh', '-c', `echo ${file} > ${file} && git add -A && git commit -qm ${file}`],
});

test('a pasted plan: overlap warnings on its rows, a dry run with branches, three tasks run and landed', async ({
  page,
}) => {
  const { repo } = workspace();
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
      agent: { profile: 'custom', command: ['true'] },
      tasks: [
        { name: 'one', brief: { task: 'One', ownedPaths: ['one.txt'] }, agent: committing('one.txt') },
        { name: 'two', brief: { task: 'Two', ownedPaths: ['two.txt'] }, agent: committing('two.txt') },
        {
          name: 'three',
          brief: { task: 'Three', ownedPaths: ['three.txt'] },
          dependsOn: ['one'],
          agent: committing('three.txt'),
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
