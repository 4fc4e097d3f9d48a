import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('a brief becomes the agent’s first prompt and is kept, untracked, in the worktree', async ({ page }) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Tax line');
  await page.getByTestId('thread-profile-select').selectOption('demo');
  await page.getByTestId('thread-scenario-input').fill('quick');
  await page.getByTestId('brief-task-input').fill('Show the tax line on invoices');
  await page.getByTestId('brief-owned-input').fill('src/billing/**');
  await page.getByTestId('brief-forbidden-input').fill('package-lock.json');
  await page.getByTestId('brief-criteria-input').fill('Invoices show the tax line');
  await page.getByTestId('brief-verify-input').fill('npm test');
  await page.getByTestId('brief-risk-select').selectOption('medium');
  await page.getByTestId('brief-preview').locator('summary').click();
  const preview = page.getByTestId('brief-preview-text');
  await expect(preview).toContainText('Show the tax line on invoices');
  await expect(preview).toContainText('src/billing/**');
  await expect(preview).toContainText('npm test');
  await page.getByTestId('thread-create-button').click();

  await expect(threadItem(page, 'Tax line')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const worktree = path.join(`${workspace().repo}.worktrees`, 'switchyard-tax-line');
  const saved = JSON.parse(await readFile(path.join(worktree, '.switchyard', 'brief.json'), 'utf8')) as {
    brief: { ownedPaths: string[]; integrationRisk: string };
  };
  expect(saved.brief).toMatchObject({ ownedPaths: ['src/billing/**'], integrationRisk: 'medium' });
  expect(await readFile(path.join(worktree, '.switchyard', 'brief.md'), 'utf8')).toContain(
    'Invoices show the tax line',
  );
  // The brief files are ignored through the shared exclude file: nothing shows up as a change.
  expect(await git(worktree, 'status', '--porcelain')).toBe('');
  expect(await git(workspace().repo, 'status', '--porcelain')).toBe('');
  // And the agent was given the rendered brief as its prompt.
  await threadItem(page, 'Tax line').click();
  await expect(page.getByTestId('terminal-pane')).toContainText('Show the tax line on invoices');
});

test('agents past the running limit wait, visibly queued, and start when a slot frees', async ({ page }) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-max-agents-input').fill('1');
  await page.getByTestId('settings-save-button').click();
  await expect(page.getByTestId('settings-effective-max')).toContainText('1');
  await page.keyboard.press('Escape');

  for (const [name, script] of [
    ['Holder', 'echo holding the slot; read x; echo released'],
    ['Waiter', 'echo finally running'],
  ] as const) {
    await page.getByTestId('new-thread').click();
    await page.getByTestId('thread-name-input').fill(name);
    await page.getByTestId('thread-profile-select').selectOption('custom');
    await page.getByTestId('thread-command-input').fill(`/bin/sh\n-c\n${script}`);
    await page.getByTestId('thread-create-button').click();
    await expect(threadItem(page, name)).toBeVisible();
  }
  await expect(threadItem(page, 'Waiter')).toHaveAttribute('data-status', 'queued');
  await expect(threadItem(page, 'Waiter')).toContainText('waiting for a free agent slot');

  await threadItem(page, 'Holder').click();
  await page.getByTestId('terminal-pane').click();
  await page.keyboard.press('Enter');
  await expect(threadItem(page, 'Holder')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(threadItem(page, 'Waiter')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
});
