import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { git } from './support/git';
import { newLineNumberCell } from './support/review-helpers';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** What the demo agent's input box took, in order (it records each message in .demo-inbox.jsonl). */
async function received(worktree: string): Promise<string[]> {
  const text = await readFile(path.join(worktree, '.demo-inbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { message: string }).message);
}

/** A demo thread whose agent asks "Would you like to log in? (y/n)" before its input box. */
async function createAskingThread(page: Page) {
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Login first');
  await page.getByTestId('thread-profile-select').selectOption('demo');
  await page.getByTestId('thread-scenario-input').fill('login-first');
  await page.getByTestId('thread-prompt-input').fill('Please sign in first');
  await page.getByTestId('thread-create-button').click();
  await expect(threadItem(page, 'Login first')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
}

test('follow-ups queued while the agent asks y/n wait, then go in order once it is answered', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createAskingThread(page);
  const terminal = page.getByTestId('terminal-pane');
  await expect(terminal).toContainText('Would you like to log in? (y/n)');

  // Two follow-ups while the question is on screen: both wait, listed under the terminal.
  const queue = page.getByTestId('follow-up-queue');
  const input = queue.getByTestId('follow-up-input');
  await input.fill('First: read the README');
  await queue.getByTestId('follow-up-add').click();
  await input.fill('Second: add a line\nto the changelog');
  await input.press('Control+Enter');
  const items = queue.getByTestId('follow-up-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('First: read the README');
  await expect(items.nth(1)).toContainText('Second: add a line');
  await expect(queue.getByTestId('follow-up-waiting-note')).toContainText('Will be sent when the agent is ready');
  // Edited in place before it goes.
  await items.nth(0).getByTestId('follow-up-edit').click();
  await items.nth(0).getByTestId('follow-up-edit-input').fill('First: read the README carefully');
  await items.nth(0).getByTestId('follow-up-save').click();
  await expect(items.nth(0)).toContainText('carefully');

  const worktree = path.join(`${repo}.worktrees`, 'switchyard-login-first');
  // Nothing was typed into the question: it is still asked, and the box took nothing.
  await page.waitForTimeout(1_500);
  await expect(threadItem(page, 'Login first')).toHaveAttribute('data-status', 'needs-input');
  expect(await received(worktree)).toEqual([]);

  // Answered by hand in the terminal: then each goes, in order, once the agent is ready.
  await terminal.click();
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(0, { timeout: 40_000 });
  await expect
    .poll(() => received(worktree), { timeout: 20_000 })
    .toEqual(['First: read the README carefully', 'Second: add a line\nto the changelog']);
  await expect(terminal).toContainText('Done with message 2.', { timeout: 20_000 });
});

test('review comments sent while the agent asks y/n are queued, said so, and typed once it is answered', async ({
  page,
}) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createAskingThread(page);
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-login-first');
  await writeFile(path.join(worktree, 'price.ts'), 'export const price = 1;\n');
  await git(worktree, 'add', 'price.ts');
  await git(worktree, 'commit', '-q', '-m', 'Add price');

  await page.getByTestId('tab-diff').click();
  await newLineNumberCell(page, 'committed:price.ts', 1).click();
  await page.getByTestId('comment-body').fill('Use cents.');
  await page.getByTestId('comment-save').click();
  await page.getByTestId('comments-send').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Comments queued' })).toContainText(
    'will be sent when the agent is ready',
  );
  const queued = page.getByTestId('follow-up-queue').getByTestId('follow-up-item');
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText('Review comments on your branch (1):');
  await page.waitForTimeout(1_000);
  expect(await received(worktree)).toEqual([]);

  await page.getByTestId('tab-terminal').click();
  const terminal = page.getByTestId('terminal-pane');
  await terminal.click();
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await expect.poll(() => received(worktree), { timeout: 30_000 }).toHaveLength(1);
  const [message] = await received(worktree);
  expect(message).toContain('Review comments on your branch (1):');
  expect(message).toContain('Use cents.');
  await expect(queued).toHaveCount(0);
});
