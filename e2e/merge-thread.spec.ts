import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread, queueEntry } from './support/merge-queue';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('an unreviewed thread: a secondary Merge button, a confirmation naming both facts, then "merged into main at <sha>"', async ({
  page,
}) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Notes', 'quick');
  await createDemoThread(page, 'Queued sibling', 'quick');

  // Another branch waits in the queue.
  await page.getByTestId('merge-queue-open').click();
  const view = page.getByTestId('merge-queue-view');
  await view.getByTestId('mq-candidate').filter({ hasText: 'Queued sibling' }).getByTestId('mq-queue-anyway').click();
  await expect(queueEntry(page, 'Queued sibling')).toBeVisible();

  await threadItem(page, 'Notes').click();
  const mergeButton = page.getByTestId('thread-merge');
  await expect(mergeButton).toHaveText('Merge into main');
  await expect(mergeButton).toHaveAttribute('data-primary', 'false');
  await expect(mergeButton).not.toHaveClass(/\bprimary\b/);

  await mergeButton.click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-review-warning')).toHaveText('This branch is not reviewed.');
  const queueWarning = dialog.getByTestId('merge-queue-warning');
  await expect(queueWarning).toContainText("Merging here skips the merge queue's conflict check");
  await expect(queueWarning).toContainText('1 other branch is queued in this project');
  // The queue is one click away from the confirmation.
  await dialog.getByTestId('merge-open-queue').click();
  await expect(page.getByTestId('merge-queue-view')).toBeVisible();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await threadItem(page, 'Notes').click();
  await mergeButton.click();
  await expect(dialog.getByTestId('merge-confirm')).toHaveText('Merge anyway');
  await dialog.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('merge-result')).toBeVisible();
  const main = await git(repo, 'rev-parse', 'main');
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // The review says where the branch went, not that it has no changes and is behind.
  const expectMerged = async () => {
    const pane = page.getByTestId('diff-pane');
    await expect(pane.getByTestId('review-merged')).toContainText(`Merged into main at ${main.slice(0, 7)}`);
    await expect(pane.getByTestId('diff-empty')).toHaveText(
      `Merged into main at ${main.slice(0, 7)}; no changes since`,
    );
    await expect(pane.getByTestId('check-behind')).toContainText(`Merged into main at ${main.slice(0, 7)}`);
    await expect(pane.getByTestId('review-behind')).toHaveCount(0);
    await expect(pane).not.toContainText('No changes yet');
  };
  await page.getByTestId('tab-diff').click();
  await expectMerged();

  // Also after a reload.
  await page.reload();
  await threadItem(page, 'Notes').click();
  await page.getByTestId('tab-diff').click();
  await expectMerged();
});

test('a thread approved on its tip has the primary Merge button and no review warning; a later commit makes it secondary', async ({
  page,
}) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Approved notes', 'quick');
  await expect(page.getByTestId('thread-merge')).toHaveAttribute('data-primary', 'false');
  await page.getByTestId('tab-diff').click();
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('thread-header-review')).toHaveAttribute('data-review', 'approved');
  await expect(page.getByTestId('thread-merge')).toHaveAttribute('data-primary', 'true');
  // Away from the review too (the host is asked for the tip).
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('thread-merge')).toHaveAttribute('data-primary', 'true');
  await page.getByTestId('tab-diff').click();
  await page.getByTestId('thread-merge').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-queue-warning')).toContainText("skips the merge queue's conflict check");
  await expect(dialog.getByTestId('merge-review-warning')).toHaveCount(0);
  await expect(dialog.getByTestId('merge-confirm')).toHaveText('Merge');

  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // A commit after the approval: the approval is stale, the button secondary, the confirmation says so.
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-approved-notes');
  const approvedAt = await git(worktree, 'rev-parse', 'HEAD');
  await git(worktree, 'commit', '--quiet', '--allow-empty', '-m', 'after the approval');
  // (An empty commit touches no file in the worktree: the pane is refreshed rather than waiting for its watcher.)
  await page.getByTestId('diff-refresh').click();
  await expect(page.getByTestId('approval-stale')).toBeVisible();
  await expect(page.getByTestId('thread-merge')).toHaveAttribute('data-primary', 'false');
  await page.getByTestId('thread-merge').click();
  await expect(dialog.getByTestId('merge-review-warning')).toHaveText(
    `This branch was approved on an older commit (${approvedAt.slice(0, 7)}); it has new commits since.`,
  );
  await expect(dialog.getByTestId('merge-confirm')).toHaveText('Merge anyway');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('thread-merge')).toHaveAttribute('data-primary', 'false');
});
