import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread, inlineAnchorOf, newLineNumberCell, oldLineNumberCell } from './support/review-helpers';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

const before = [
  'export function price(cents: number) {',
  '  return cents / 100;',
  '  // cents',
  '}',
  'export const currency = "EUR";',
];
// Line 2 replaced, line 3 removed, a line added at the end.
const after = [
  'export function price(cents: number) {',
  '  return Math.round(cents) / 100;',
  '}',
  'export const currency = "EUR";',
  'export const symbol = "€";',
];

test('comments show under their lines, line by line and side by side, and in the list', async ({ page }) => {
  const { repo } = workspace();
  await writeFile(path.join(repo, 'price.ts'), `${before.join('\n')}\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'Price');
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Inline', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-inline');
  // A long file first, so the commented one is further down.
  const long = Array.from({ length: 200 }, (_, i) => `export const n${i} = ${i};`);
  await writeFile(path.join(worktree, 'a-long.ts'), `${long.join('\n')}\n`);
  await writeFile(path.join(worktree, 'price.ts'), `${after.join('\n')}\n`);
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Round prices');

  await page.getByTestId('tab-diff').click();
  const fileId = 'committed:price.ts';
  const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
  await file.scrollIntoViewIfNeeded();
  await expect(file.locator('.d2h-code-line-ctn').first()).toBeVisible();
  const composer = page.getByTestId('comment-composer');
  const inline = file.getByTestId('inline-comment');
  const listed = page.getByTestId('review-comment');

  // A line on the new side: the composer opens right under it, and the comment stays there.
  await newLineNumberCell(page, fileId, 2).click();
  await expect(composer).toContainText('price.ts:2');
  expect(await inlineAnchorOf(composer)).toMatchObject({ table: 0, new: 2, removed: false });
  await page.getByTestId('comment-body').fill('Round to whole cents first.');
  await page.getByTestId('comment-save').click();
  await expect(composer).toHaveCount(0);
  await expect(inline).toHaveCount(1);
  await expect(inline).toContainText('Round to whole cents first.');
  expect(await inlineAnchorOf(inline)).toMatchObject({ table: 0, new: 2, removed: false });
  await expect(listed).toHaveCount(1);

  // A removed line (old side).
  await oldLineNumberCell(page, fileId, 3).click();
  await expect(composer).toContainText('price.ts:3 (before your change)');
  expect(await inlineAnchorOf(composer)).toMatchObject({ old: 3, new: null, removed: true });
  await page.getByTestId('comment-body').fill('Why drop this?');
  await page.getByTestId('comment-save').click();
  await expect(inline).toHaveCount(2);

  // A range: under its last line.
  await newLineNumberCell(page, fileId, 3).click();
  await newLineNumberCell(page, fileId, 5).click({ modifiers: ['Shift'] });
  await expect(composer).toContainText('price.ts:3-5');
  expect(await inlineAnchorOf(composer)).toMatchObject({ new: 5 });
  await page.getByTestId('comment-body').fill('Export these together.');
  await page.getByTestId('comment-save').click();
  await expect(inline).toHaveCount(3);
  await expect(listed).toHaveCount(3);
  const byBody = (text: string) => inline.filter({ hasText: text });
  expect(await inlineAnchorOf(byBody('Why drop this?'))).toMatchObject({ old: 3, removed: true });
  expect(await inlineAnchorOf(byBody('Export these together.'))).toMatchObject({ new: 5 });

  // Side by side: each under its line on its side, the other side keeping a row as tall.
  await page.getByTestId('diff-side-by-side').check();
  await expect(file.locator('.d2h-file-side-diff').first()).toBeVisible();
  await expect(inline).toHaveCount(3);
  await expect
    .poll(() => inlineAnchorOf(byBody('Round to whole cents first.')))
    .toEqual({
      table: 1,
      line: 2,
      removed: false,
      spacerAligned: true,
    });
  expect(await inlineAnchorOf(byBody('Why drop this?'))).toMatchObject({ table: 0, line: 3, spacerAligned: true });
  expect(await inlineAnchorOf(byBody('Export these together.'))).toMatchObject({
    table: 1,
    line: 5,
    spacerAligned: true,
  });
  // A new comment side by side opens and stays under the clicked line too.
  await newLineNumberCell(page, fileId, 1).click();
  expect(await inlineAnchorOf(composer)).toMatchObject({ table: 1, line: 1 });
  await page.getByTestId('comment-body').fill('Name it priceOf.');
  await page.getByTestId('comment-save').click();
  await expect(inline).toHaveCount(4);
  expect(await inlineAnchorOf(byBody('Name it priceOf.'))).toMatchObject({ table: 1, line: 1, spacerAligned: true });
  await page.getByTestId('diff-side-by-side').uncheck();
  await expect(inline).toHaveCount(4);

  // Edit and delete from inline; the list follows.
  await byBody('Name it priceOf.').getByTestId('inline-comment-edit').click();
  await page.getByTestId('inline-comment-edit-body').fill('Name it priceInEuros.');
  await page.getByTestId('inline-comment-save').click();
  await expect(listed.filter({ hasText: 'Name it priceInEuros.' })).toHaveCount(1);
  await expect(byBody('Name it priceInEuros.')).toHaveCount(1);
  await byBody('Name it priceInEuros.').getByTestId('inline-comment-delete').click();
  await expect(inline).toHaveCount(3);
  await expect(listed).toHaveCount(3);

  // The list scrolls to a comment in the diff.
  await page.locator('.review-diffs').evaluate((scroller) => scroller.scrollTo(0, 0));
  await expect(byBody('Export these together.')).not.toBeInViewport();
  await listed.filter({ hasText: 'Export these together.' }).getByTestId('review-comment-go').click();
  await expect(byBody('Export these together.')).toBeInViewport();

  // Send to the agent from a comment inline: every draft goes, as from the list.
  await byBody('Why drop this?').getByTestId('inline-comment-send').click();
  await expect(page.locator('[data-testid="review-comment"][data-state="sent"]')).toHaveCount(3);
  await expect(inline.and(page.locator('[data-state="sent"]'))).toHaveCount(3);

  // The agent rewrites line 2: that comment is outdated, only in the list, marked.
  await writeFile(
    path.join(worktree, 'price.ts'),
    `${after.join('\n').replace('Math.round(cents)', 'Math.floor(cents)')}\n`,
  );
  await git(worktree, 'commit', '-q', '-am', 'Floor instead');
  await expect(page.getByTestId('review-stat')).toContainText('2 commits', { timeout: 10_000 });
  // Known once the file's new diff is loaded: it is when it comes into view.
  await file.scrollIntoViewIfNeeded();
  const outdated = listed.filter({ hasText: 'Round to whole cents first.' });
  await expect(outdated.getByTestId('comment-outdated')).toBeVisible({ timeout: 10_000 });
  await expect(byBody('Round to whole cents first.')).toHaveCount(0);
  await expect(inline).toHaveCount(2);
  await expect(listed.getByTestId('comment-outdated')).toHaveCount(1);

  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('terminal-pane')).toContainText('received: Review comments on your branch (3):');
});
