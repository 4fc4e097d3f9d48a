import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'switchyard-demo-'));
  host = await startHostProcess(['--data-dir', dataDir]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('"Try the demo" makes a sample repository with scripted threads a newcomer can follow', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('try-demo').click();
  const items = page.getByTestId('thread-item');
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: 'Add greeting notes' })).toHaveAttribute('data-status', 'needs-input', {
    timeout: 30_000,
  });
  await expect(items.filter({ hasText: 'Polish README' })).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(items.filter({ hasText: 'Rewrite README title' })).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(items.filter({ hasText: 'Add a discount helper' })).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await items.filter({ hasText: 'Add greeting notes' }).click();
  await expect(page.getByTestId('terminal-pane')).toContainText('Apply this edit? (y/n)');
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });

  // The sample repository is real: each thread has its own worktree on its own branch.
  const demoRoot = path.join(dataDir, 'demo');
  const [repoName] = (await import('node:fs/promises').then((fs) => fs.readdir(demoRoot))).filter(
    (n) => !n.endsWith('.worktrees'),
  );
  const branches = await git(path.join(demoRoot, repoName!), 'branch', '--format=%(refname:short)');
  expect(branches.split('\n').sort()).toEqual([
    'main',
    'switchyard/add-a-discount-helper',
    'switchyard/add-greeting-notes',
    'switchyard/polish-readme',
    'switchyard/rewrite-readme-title',
  ]);
});

test('in the demo, "Ask for a review" on the thread that left a TODO puts a blocking comment under that line', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('try-demo').click();
  const helper = page.getByTestId('thread-item').filter({ hasText: 'Add a discount helper' });
  await expect(helper).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await helper.click();
  await page.getByTestId('tab-diff').click();
  const file = page.locator('[data-testid="review-file"][data-file-id^="committed:src/"]');
  await expect(file.locator('.d2h-code-line-ctn').first()).toBeVisible();

  await page.getByTestId('reviewer-profile').selectOption('demo');
  await page.getByTestId('reviewer-ask').click();
  const status = page.getByTestId('reviewer-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(status).toContainText('1 blocking');
  const blocking = file.getByTestId('inline-comment').filter({ has: page.locator('[data-severity="blocking"]') });
  await expect(blocking).toHaveCount(1);
  await expect(blocking).toContainText(':2');
  await expect(blocking).toContainText('Left-over TODO or console.log');

  // Asking again replaces the first review's untouched drafts instead of piling up duplicates.
  await page.getByTestId('reviewer-ask').click();
  await expect(status).toContainText('replaced 3 drafts from the earlier review', { timeout: 20_000 });
  await expect(blocking).toHaveCount(1);
  await expect(page.getByTestId('review-comment')).toHaveCount(3);
});

test('the page may open its own WebSocket and no other (CSP connect-src)', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('try-demo')).toBeVisible();
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), {
          once: true,
        });
        try {
          new WebSocket('ws://127.0.0.1:9/elsewhere');
        } catch (error) {
          resolve(`thrown: ${String(error)}`);
        }
        setTimeout(() => resolve('not blocked'), 3_000);
      }),
  );
  expect(blocked).toMatch(/connect-src|thrown/);
});
