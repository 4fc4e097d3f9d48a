import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { queueEntry, queueOrder } from './support/merge-queue';
import { createDemoThread } from './support/review-helpers';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('Ask for a review: the demo reviewer blocks a TODO inline with its badge, keeps its stray line as a note, and Send reaches the agent', async ({
  page,
}) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  // The worker: the demo agent echoing what it is sent, so a sent review shows in its terminal.
  await createDemoThread(page, 'Helper', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-helper');
  await mkdir(path.join(worktree, 'src'), { recursive: true });
  await writeFile(
    path.join(worktree, 'src', 'helper.js'),
    'export function helper(value) {\n  // TODO: handle a missing value\n  return value * 2;\n}\n',
  );
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Add helper');
  const tipBefore = (await git(repo, 'rev-parse', 'switchyard/helper')).trim();

  await page.getByTestId('tab-diff').click();
  const file = page.locator('[data-testid="review-file"][data-file-id="committed:src/helper.js"]');
  await expect(file.locator('.d2h-code-line-ctn').first()).toBeVisible();

  await page.getByTestId('reviewer-profile').selectOption('demo');
  await page.getByTestId('reviewer-ask').click();
  const status = page.getByTestId('reviewer-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(status).toContainText('Review by Demo agent (scripted) finished: 3 comments, 1 blocking');

  // The blocking finding sits under line 2 of the file, badged.
  const blocking = file.getByTestId('inline-comment').filter({ has: page.locator('[data-severity="blocking"]') });
  await expect(blocking).toHaveCount(1);
  await expect(blocking).toContainText('src/helper.js:2');
  await expect(blocking).toContainText('Left-over TODO or console.log');
  await expect(blocking.getByTestId('severity-badge')).toHaveText('blocking · reviewer');
  // A note per file, and the malformed line kept as a general note (in the list only).
  const listed = page.getByTestId('review-comment');
  await expect(listed).toHaveCount(3);
  const general = listed.filter({ hasText: 'general' });
  await expect(general).toContainText('this line is not a finding');
  await expect(general.getByTestId('severity-badge')).toHaveAttribute('data-severity', 'note');

  // Its output is viewable.
  await page.getByTestId('reviewer-output-toggle').click();
  await expect(page.getByTestId('reviewer-output')).toContainText('"severity":"blocking"');

  // Dismiss the note on the file, then send the rest to the worker.
  const fileNote = file.getByTestId('inline-comment').filter({ has: page.locator('[data-severity="note"]') });
  await fileNote.getByTestId('inline-comment-delete').click();
  await expect(listed).toHaveCount(2);
  await blocking.getByTestId('inline-comment-send').click();
  await expect(page.locator('[data-testid="review-comment"][data-state="sent"]')).toHaveCount(2);
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('terminal-pane')).toContainText('received: Review comments on your branch (2):');
  await expect(page.getByTestId('terminal-pane')).toContainText('src/helper.js:2 [blocking]');

  // The reviewer's copy is gone and the branch did not move.
  expect((await git(repo, 'rev-parse', 'switchyard/helper')).trim()).toBe(tipBefore);
  expect(await git(repo, 'worktree', 'list')).not.toContain('reviewer-worktrees');
});

test('Review all: reviewers on every queued thread; the blocked entry shows its count and goes last in the suggested order', async ({
  page,
}) => {
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'With todo', 'with-todo');
  await createDemoThread(page, 'Notes', 'quick');
  await page.getByTestId('merge-queue-open').click();
  const view = page.getByTestId('merge-queue-view');
  for (const name of ['With todo', 'Notes']) {
    await view.getByTestId('mq-candidate').filter({ hasText: name }).getByTestId('mq-queue-anyway').click();
    await expect(queueEntry(page, name)).toBeVisible();
  }
  expect(await queueOrder(page)).toEqual(['With todo', 'Notes']);

  // The demo reviewer by name: the default would be any other installed agent (offline here).
  await view.getByTestId('mq-review-all-profile').selectOption('demo');
  await view.getByTestId('mq-review-all').click();
  await expect(queueEntry(page, 'With todo').getByTestId('mq-blocking')).toHaveText('1 blocking', { timeout: 20_000 });
  await expect(queueEntry(page, 'Notes').getByTestId('mq-blocking')).toHaveCount(0);
  await expect(queueEntry(page, 'With todo').getByTestId('mq-order-reason')).toContainText(
    'blocked: 1 blocking finding from a reviewer',
  );
  // Queued in no order of the dispatcher's own, the entries follow the suggestion: the blocked one moves last.
  await expect.poll(() => queueOrder(page)).toEqual(['Notes', 'With todo']);
  await expect(view.getByTestId('mq-use-suggested')).toHaveText('In suggested order');
});
