import { access } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { git } from './support/git';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: false });

async function createThread(
  page: Page,
  fields: { name: string; scenario?: string; branch?: string; command?: string; profile?: string },
) {
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await expect(form).toBeVisible();
  await form.getByTestId('thread-name-input').fill(fields.name);
  if (fields.branch !== undefined) await form.getByTestId('thread-branch-input').fill(fields.branch);
  await form.getByTestId('thread-profile-select').selectOption(fields.profile ?? 'demo');
  if (fields.scenario) await form.getByTestId('thread-scenario-input').fill(fields.scenario);
  if (fields.command) await form.getByTestId('thread-command-input').fill(fields.command);
  await form.getByTestId('thread-prompt-input').fill(`Please work on: ${fields.name}`);
  await form.getByTestId('thread-create-button').click();
}

async function mergeSelectedThread(page: Page) {
  await page.getByTestId('thread-merge').click();
  await page.getByTestId('merge-confirm').click();
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
}

async function expectStatus(page: Page, name: string, status: string) {
  await expect(threadItem(page, name)).toHaveAttribute('data-status', status, { timeout: 30_000 });
}

test('the whole dispatcher loop in the browser host with the demo agent', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);

  // 1. Open a project — first a folder that is not a repository, then the real one.
  await page.getByTestId('project-path-input').fill(workspace().root);
  await page.getByTestId('project-open-button').click();
  await expect(page.getByTestId('project-error')).toContainText('not inside a git repository');
  await page.getByTestId('project-path-input').fill(repo);
  await page.getByTestId('project-open-button').click();
  await expect(page.getByTestId('project-error')).toHaveCount(0);

  // Bad input in the form: an invalid branch name and a missing agent binary create nothing.
  await createThread(page, { name: 'Broken', branch: 'bad..name' });
  await expect(page.getByTestId('thread-form-error')).toContainText('not a valid branch name');
  await page.getByTestId('thread-branch-input').fill('switchyard/custom-missing');
  await page.getByTestId('thread-profile-select').selectOption('custom');
  await page.getByTestId('thread-command-input').fill('no-such-agent-cli\n{prompt}');
  await page.getByTestId('thread-create-button').click();
  await expect(page.getByTestId('thread-form-error')).toContainText('no-such-agent-cli');
  expect(await git(repo, 'branch', '--list')).toBe('* main');
  await closeDialog(page);

  // 2. Create a thread running the demo agent; it gets its own worktree and branch.
  await createThread(page, { name: 'Greeting notes', scenario: 'feature' });
  await expect(threadItem(page, 'Greeting notes')).toBeVisible();
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-greeting-notes');
  await access(worktree);
  expect(await git(worktree, 'branch', '--show-current')).toBe('switchyard/greeting-notes');

  // 3. It asks for approval: the sidebar says so, and the answer is typed into the live terminal.
  await expectStatus(page, 'Greeting notes', 'needs-input');
  const terminal = page.getByTestId('terminal-pane');
  await expect(terminal).toContainText('Apply this edit? (y/n)');
  await page.screenshot({ path: path.join(__dirname, '..', 'test-results', 'dashboard.png') });
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });
  await terminal.click();
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await expectStatus(page, 'Greeting notes', 'done');
  await expect(terminal).toContainText('Done.');

  // 4. The diff shows what the branch committed.
  await page.getByTestId('tab-diff').click();
  const files = page.getByTestId('diff-file-list');
  await expect(files.getByTestId('diff-file')).toHaveCount(1);
  await expect(files).toContainText('demo/');
  await expect(page.getByTestId('diff-pane')).toContainText('Please work on: Greeting notes');

  // 5. Merge it into main with a merge commit.
  const before = await git(repo, 'rev-parse', 'main');
  await mergeSelectedThread(page);
  await expect(page.getByTestId('merge-result')).toBeVisible();
  const after = await git(repo, 'rev-parse', 'main');
  expect(after).not.toBe(before);
  expect(await git(repo, 'rev-list', '--parents', '-n', '1', 'main')).toContain(before);
  await expect(page.getByTestId('merge-result')).toContainText(after.slice(0, 7));
  await closeDialog(page);

  // Two threads that edit the same line: the first merges, the second conflicts and changes nothing.
  await createThread(page, { name: 'Title A', scenario: 'conflict-a' });
  await expectStatus(page, 'Title A', 'done');
  await createThread(page, { name: 'Title B', scenario: 'conflict-b' });
  await expectStatus(page, 'Title B', 'done');
  await threadItem(page, 'Title A').click();
  await mergeSelectedThread(page);
  await expect(page.getByTestId('merge-result')).toBeVisible();
  await closeDialog(page);
  await threadItem(page, 'Title B').click();
  const mainBefore = await git(repo, 'rev-parse', 'main');
  const branchBefore = await git(repo, 'rev-parse', 'switchyard/title-b');
  await mergeSelectedThread(page);
  await expect(page.getByTestId('merge-conflict-files')).toContainText('README.md');
  expect(await git(repo, 'rev-parse', 'main')).toBe(mainBefore);
  expect(await git(repo, 'rev-parse', 'switchyard/title-b')).toBe(branchBefore);
  expect(await git(repo, 'status', '--porcelain')).toBe('');
  await closeDialog(page);

  // 6. Removing the unmerged thread is refused until discarding is chosen; a backup ref keeps it.
  await page.getByTestId('thread-remove').click();
  const dialog = page.getByTestId('remove-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('remove-confirm').click();
  await expect(dialog).toContainText('not merged');
  // Keeping it changes nothing; asking again gets the same question.
  await dialog.getByTestId('remove-keep').click();
  await expect(dialog).toHaveCount(0);
  await expect(threadItem(page, 'Title B')).toBeVisible();
  await page.getByTestId('thread-remove').click();
  await dialog.getByTestId('remove-confirm').click();
  await expect(dialog).toContainText('not merged');
  await dialog.getByTestId('remove-discard').click();
  await expect(page.getByTestId('remove-outcome')).toContainText('refs/switchyard/backups/');
  await expect(threadItem(page, 'Title B')).toHaveCount(0);
  expect(await git(repo, 'for-each-ref', '--format=%(objectname)', 'refs/switchyard/backups/')).toBe(branchBefore);
  await expect(access(path.join(`${repo}.worktrees`, 'switchyard-title-b'))).rejects.toThrow();
});

test('a refused remove leaves a running agent running: it still answers in its terminal', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await page.getByTestId('project-path-input').fill(repo);
  await page.getByTestId('project-open-button').click();
  await expect(page.getByTestId('project-error')).toHaveCount(0);

  // An agent that commits, then waits for an answer.
  await createThread(page, {
    name: 'Still asking',
    profile: 'custom',
    command: [
      '/bin/sh',
      '-c',
      'echo one > one.txt && git add one.txt && git commit -qm one && printf "Continue? (y/n) " && read a && echo "got=$a"',
    ].join('\n'),
  });
  await expectStatus(page, 'Still asking', 'needs-input');

  await page.getByTestId('thread-remove').click();
  const dialog = page.getByTestId('remove-dialog');
  await dialog.getByTestId('remove-confirm').click();
  await expect(dialog.getByTestId('remove-unsaved')).toContainText('not merged');
  await dialog.getByTestId('remove-keep').click();
  await expect(dialog).toHaveCount(0);

  // Not stopped: still waiting for its answer, and the answer reaches it.
  await expectStatus(page, 'Still asking', 'needs-input');
  const terminal = page.getByTestId('terminal-pane');
  await terminal.click();
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('got=y');
  await expectStatus(page, 'Still asking', 'done');
});
