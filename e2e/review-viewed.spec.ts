import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread } from './support/review-helpers';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('a file marked viewed folds until it changes again, and stays marked after a reload', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Viewed', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-viewed');
  await writeFile(path.join(worktree, 'a.ts'), 'export const a = 1;\n');
  await writeFile(path.join(worktree, 'b.ts'), 'export const b = 2;\n');
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Add a and b');

  await page.getByTestId('tab-diff').click();
  const a = page.locator('[data-testid="review-file"][data-file-id="committed:a.ts"]');
  const listedA = page.getByTestId('diff-file-list').locator('[data-testid="diff-file"][data-path="a.ts"]');
  const count = page.getByTestId('review-viewed-count');
  await expect(a.locator('.d2h-code-line-ctn').first()).toBeVisible();
  await expect(count).toContainText('0 of 2 viewed');
  const headerHeight = await a.locator('.review-file-header').evaluate((h) => h.getBoundingClientRect().height);
  expect(Math.abs(headerHeight - 31)).toBeLessThanOrEqual(1);

  await a.getByTestId('file-viewed').check();
  await expect(a).toHaveAttribute('data-viewed', 'viewed');
  await expect(a.locator('.d2h-code-line-ctn')).toHaveCount(0);
  await expect(listedA).toHaveAttribute('data-viewed', 'viewed');
  await expect(count).toContainText('1 of 2 viewed');

  await page.reload();
  await threadItem(page, 'Viewed').click();
  await page.getByTestId('tab-diff').click();
  await expect(a).toHaveAttribute('data-viewed', 'viewed');
  await expect(a.getByTestId('file-viewed')).toBeChecked();
  await expect(count).toContainText('1 of 2 viewed');

  // The agent changes the file again: it unfolds, says so, and no longer counts as viewed.
  await writeFile(path.join(worktree, 'a.ts'), 'export const a = 10;\n');
  await git(worktree, 'commit', '-q', '-am', 'Change a');
  await expect(a).toHaveAttribute('data-viewed', 'changed', { timeout: 10_000 });
  await expect(a.getByTestId('changed-since-viewed')).toBeVisible();
  await expect(a.locator('.d2h-code-line-ctn').first()).toContainText('10');
  await expect(count).toContainText('0 of 2 viewed');
  await expect(listedA).toHaveAttribute('data-viewed', 'changed');

  // Unmarking clears it everywhere.
  await a.getByTestId('file-viewed').check();
  await expect(count).toContainText('1 of 2 viewed');
  await a.getByTestId('file-viewed').uncheck();
  await expect(a).toHaveAttribute('data-viewed', 'unviewed');
  await expect(count).toContainText('0 of 2 viewed');

  // From the keyboard: v marks the file being read (the first) and moves on to the next; k / j go back and forth.
  await page.locator('.review-diffs').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('v');
  await expect(a).toHaveAttribute('data-viewed', 'viewed');
  await expect(count).toContainText('1 of 2 viewed');
  await page.keyboard.press('v');
  const b = page.locator('[data-testid="review-file"][data-file-id="committed:b.ts"]');
  await expect(b).toHaveAttribute('data-viewed', 'viewed');
  await expect(count).toContainText('2 of 2 viewed');
  await page.keyboard.press('k');
  await expect(a).toHaveAttribute('data-current', 'true');
  await page.keyboard.press('j');
  await expect(b).toHaveAttribute('data-current', 'true');
  await expect(a).not.toHaveAttribute('data-current', 'true');
  // Keys typed into a field are text, not review keys.
  await page.locator('summary', { hasText: 'Review settings' }).click();
  await page.getByTestId('verification-shell').fill('');
  await page.getByTestId('verification-shell').press('v');
  await expect(page.getByTestId('verification-shell')).toHaveValue('v');
  await expect(count).toContainText('2 of 2 viewed');
});
