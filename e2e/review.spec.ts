import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread, newLineNumberCell } from './support/review-helpers';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('review a branch: live file list, inline comment sent to the agent, approve', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);

  // An agent that echoes what it receives; the test plays its work by committing in its worktree.
  await createDemoThread(page, 'Pricing', 'echo');
  const terminal = page.getByTestId('terminal-pane');
  await expect(terminal).toContainText('Echo mode');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-pricing');
  await writeFile(
    path.join(worktree, 'price.ts'),
    'export function price(cents: number) {\n  return cents / 100;\n}\nexport const currency = "EUR";\n',
  );
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Add price');

  // The review shows the commit, the file list and the first file's diff.
  await page.getByTestId('tab-diff').click();
  await expect(page.getByTestId('diff-commit')).toContainText('Add price');
  const files = page.getByTestId('diff-file-list').getByTestId('diff-file');
  await expect(files).toHaveCount(1);
  // The list comes first; its line counts and the stat follow with the summary's details.
  await expect(files.first()).toContainText('+4 −0');
  await expect(page.getByTestId('review-stat')).toContainText('1 commit · 1 file +4 −0');
  await expect(page.getByTestId('check-changelog')).toHaveAttribute('data-ok', 'false');

  // Changes in the worktree appear without pressing anything: an untracked changelog fragment.
  await writeFile(path.join(worktree, 'CHANGELOG-pricing.md'), '- Prices in euros\n');
  await expect(files).toHaveCount(2, { timeout: 10_000 });
  await expect(page.locator('[data-testid="diff-file"][data-section="untracked"]')).toContainText(
    'CHANGELOG-pricing.md',
  );

  // Comment on a line in the line-by-line view, then a range in the side-by-side view.
  await expect(page.locator('[data-file-id="committed:price.ts"] .d2h-code-line-ctn').first()).toBeVisible();
  await expect(page.locator('[data-file-id="committed:price.ts"] .hljs-keyword').first()).toBeVisible();
  await newLineNumberCell(page, 'committed:price.ts', 2).click();
  await expect(page.getByTestId('comment-composer')).toContainText('price.ts:2');
  await page.getByTestId('comment-body').fill('Round to whole cents first.');
  await page.getByTestId('comment-save').click();
  await expect(page.getByTestId('review-comment')).toHaveCount(1);

  await page.getByTestId('diff-side-by-side').check();
  await newLineNumberCell(page, 'committed:price.ts', 1).click();
  await newLineNumberCell(page, 'committed:price.ts', 3).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('comment-composer')).toContainText('price.ts:1-3');
  await page.getByTestId('comment-body').fill('Add a test for this function.');
  await page.getByTestId('comment-save').click();
  await expect(page.getByTestId('review-comment')).toHaveCount(2);
  await expect(page.getByTestId('review-comment').first()).toHaveAttribute('data-state', 'draft');

  // Send: one message into the agent's terminal; the comments become "sent".
  await page.getByTestId('comments-send').click();
  await expect(page.locator('[data-testid="review-comment"][data-state="sent"]')).toHaveCount(2);
  await page.getByTestId('tab-terminal').click();
  // Typed once the agent is ready for input (its follow-up queue): up to a few seconds of quiet first.
  await expect(terminal).toContainText('received: Review comments on your branch (2):', { timeout: 20_000 });
  await expect(terminal).toContainText('received: 1. price.ts:1-3');
  await expect(terminal).toContainText('received:    > export function price(cents: number) {');
  await expect(terminal).toContainText('received:    Round to whole cents first.');

  // Comments survive a reload; resolve one; approve: the sidebar shows the verdict beside the status.
  await page.reload();
  await threadItem(page, 'Pricing').click();
  await page.getByTestId('tab-diff').click();
  await expect(page.getByTestId('review-comment')).toHaveCount(2);
  await page.getByTestId('comment-resolve').first().click();
  await expect(page.locator('[data-testid="review-comment"][data-state="resolved"]')).toHaveCount(1);
  await page.getByTestId('review-approve').click();
  await expect(threadItem(page, 'Pricing')).toHaveAttribute('data-review', 'approved');
  await expect(threadItem(page, 'Pricing').getByTestId('thread-review')).toHaveText('approved');
  await expect(threadItem(page, 'Pricing').getByTestId('thread-status')).toBeVisible();

  // A later commit makes the approval stale.
  await writeFile(path.join(worktree, 'price.ts'), 'export const price = (c: number) => Math.round(c) / 100;\n');
  await git(worktree, 'commit', '-q', '-am', 'Round');
  await expect(page.getByTestId('approval-stale')).toBeVisible({ timeout: 10_000 });

  // Reject: archived, the branch stays.
  await page.getByTestId('review-reject').click();
  // Put away: out of the active list, found under "Archived".
  await expect(threadItem(page, 'Pricing')).toHaveCount(0);
  await page.getByTestId('thread-filter-archived').click();
  await expect(threadItem(page, 'Pricing')).toHaveAttribute('data-archived', 'true');
  expect(await git(repo, 'branch', '--list', 'switchyard/pricing')).toContain('switchyard/pricing');
});
