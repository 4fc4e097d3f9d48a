import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { startHostProcess } from './support/host-process';
import { createDemoThread, queueEntry, queueOrder } from './support/merge-queue';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('queue three demo threads, see the conflicting pair, reorder, land two and skip the third', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Title A', 'conflict-a');
  await createDemoThread(page, 'Title B', 'conflict-b');
  await createDemoThread(page, 'Notes', 'quick');

  // Nothing is approved yet: the queue offers them, each queued explicitly.
  await page.getByTestId('merge-queue-open').click();
  const view = page.getByTestId('merge-queue-view');
  await expect(view.getByTestId('mq-target')).toHaveText('main');
  for (const name of ['Title A', 'Title B', 'Notes']) {
    await view.getByTestId('mq-candidate').filter({ hasText: name }).getByTestId('mq-queue-anyway').click();
    await expect(queueEntry(page, name)).toBeVisible();
  }

  // One conflicting pair, predicted without touching a working tree; each entry says why.
  await expect(view.getByTestId('mq-matrix-summary')).toContainText(
    '1 conflicting pair: Title A + Title B in README.md',
  );
  await expect(view.locator('[data-testid="mq-matrix-cell"][data-kind="conflict"]')).toHaveCount(2);
  await expect(queueEntry(page, 'Title A')).toHaveAttribute('data-risk', 'conflict');
  await expect(queueEntry(page, 'Title A')).toContainText('conflicts with Title B in README.md');
  await expect(queueEntry(page, 'Notes')).toHaveAttribute('data-risk', 'clean');
  await expect(queueEntry(page, 'Notes').getByTestId('mq-order-reason')).toContainText(
    'touches no file another entry touches',
  );
  expect(await queueOrder(page)).toEqual(['Notes', 'Title A', 'Title B']);
  expect(await git(repo, 'worktree', 'list')).not.toContain('integration');

  // Reorder three ways: drag Title B to the top, Alt+↑ on Title A, then its ↓ button.
  await queueEntry(page, 'Title B').dragTo(queueEntry(page, 'Notes'));
  await expect.poll(() => queueOrder(page)).toEqual(['Title B', 'Notes', 'Title A']);
  await queueEntry(page, 'Title A').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => queueOrder(page)).toEqual(['Title B', 'Title A', 'Notes']);
  await expect(queueEntry(page, 'Title A')).toBeFocused();
  await queueEntry(page, 'Title A').getByTestId('mq-entry-down').click();
  await expect.poll(() => queueOrder(page)).toEqual(['Title B', 'Notes', 'Title A']);

  // Land all: Title B and Notes land; Title A conflicts, so the run stops there and main stays put.
  const before = await git(repo, 'rev-parse', 'main');
  const titleA = await git(repo, 'rev-parse', 'switchyard/title-a');
  await view.getByTestId('mq-land-all').click();
  const stop = view.getByTestId('mq-stop');
  await expect(stop).toHaveAttribute('data-reason', 'conflict', { timeout: 30_000 });
  await expect(stop.getByTestId('mq-stop-files')).toHaveText('README.md');
  await expect(view.getByTestId('mq-outcome')).toContainText('Landed 2 into main');
  const landed = await git(repo, 'log', '--merges', '--format=%s', `${before}..main`);
  expect(landed.split('\n')).toEqual([
    "Merge branch 'switchyard/notes' into main",
    "Merge branch 'switchyard/title-b' into main",
  ]);
  expect(await git(repo, 'rev-parse', 'switchyard/title-a')).toBe(titleA);
  expect(await git(repo, 'status', '--porcelain')).toBe('');
  await expect(queueEntry(page, 'Notes')).toHaveCount(0);

  // Skip the third and continue: nothing else is waiting, so main does not move; it stays queued, skipped.
  const mainAfterLanding = await git(repo, 'rev-parse', 'main');
  await stop.getByTestId('mq-skip-continue').click();
  await expect(queueEntry(page, 'Title A')).toHaveAttribute('data-skipped', 'true');
  await expect(view.getByTestId('mq-stop')).toHaveCount(0);
  await expect(view.getByTestId('mq-land-all')).toBeDisabled();
  expect(await git(repo, 'rev-parse', 'main')).toBe(mainAfterLanding);
  await expect(view.getByTestId('mq-cleanup')).toContainText('Landed into main: Title B, Notes');
});

test('a landing killed -9 midway is finished when the app starts again: a notice, and what landed left the queue', async ({
  page,
}) => {
  const { repo, root, host } = workspace();
  await page.goto(host.url);
  await createDemoThread(page, 'First note', 'quick');
  await createDemoThread(page, 'Second note', 'quick');
  await page.getByTestId('merge-queue-open').click();
  const view = page.getByTestId('merge-queue-view');
  for (const name of ['First note', 'Second note']) {
    await view.getByTestId('mq-candidate').filter({ hasText: name }).getByTestId('mq-queue-anyway').click();
    await expect(queueEntry(page, name)).toBeVisible();
  }
  await host.stop();

  // While the app is closed, the CLI lands both and is killed -9 while verifying the second.
  const marker = path.join(root, 'second-verifying');
  const hang = `if ls demo | grep -q second; then touch '${marker}'; sleep 60; fi`;
  const cli = path.resolve(__dirname, '..', 'bin', 'switchyard.cjs');
  const branches = ['switchyard/first-note', 'switchyard/second-note'];
  const args = ['land', '--repo', repo, '--target', 'main', ...branches, '--shell', '/bin/sh', '--verify', hang];
  const lander = spawn(process.execPath, [cli, ...args], { stdio: 'ignore', detached: true });
  await expect
    .poll(
      () =>
        access(marker).then(
          () => true,
          () => false,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  process.kill(-(lander.pid as number), 'SIGKILL');

  const again = await startHostProcess(['--data-dir', path.join(root, 'data'), '--repo', repo]);
  try {
    await page.goto(again.url);
    await page.getByTestId('merge-queue-open').click();
    const notice = view.getByTestId('mq-recovery');
    await expect(notice).toContainText('Landing switchyard/second-note into main was interrupted while verifying');
    await expect(notice).toContainText('Already landed by that run: switchyard/first-note');
    await expect.poll(() => queueOrder(page)).toEqual(['Second note']);
    await expect(view.getByTestId('mq-cleanup')).toContainText('Landed into main: First note');

    // The next landing lands the rest; the notice has done its job.
    await view.getByTestId('mq-land-all').click();
    await expect(view.getByTestId('mq-outcome')).toContainText('Landed 1 into main', { timeout: 30_000 });
    await expect(notice).toHaveCount(0);
    await expect(view.getByTestId('mq-cleanup')).toContainText('Landed into main: First note, Second note');
    expect(await git(repo, 'log', '--merges', '--format=%s', 'main')).toBe(
      "Merge branch 'switchyard/second-note' into main\nMerge branch 'switchyard/first-note' into main",
    );
  } finally {
    await again.stop();
  }
});
