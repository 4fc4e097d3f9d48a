import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { git } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';
import { threadItem } from './support/workspace-host';

let root: string;
let host: HostProcess;
let repo: string;

/** A repository whose folder (so the project) has a long-ish name, as real ones do. */
test.beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'switchyard-forms-')));
  repo = path.join(root, 'switchyard-demo-project');
  await mkdir(repo);
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'config', 'user.name', 'E2E');
  await git(repo, 'config', 'user.email', 'e2e@example.invalid');
  await writeFile(path.join(repo, 'README.md'), '# Demo\n');
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '--quiet', '-m', 'initial');
  host = await startHostProcess(['--data-dir', path.join(root, 'data'), '--repo', repo]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(root, { recursive: true, force: true });
});

/** The field's error is the element its aria-describedby names, and says `text`. */
async function expectFieldError(page: Page, fieldTestId: string, text: string) {
  const field = page.getByTestId(fieldTestId);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText(text);
}

async function expectFieldClear(page: Page, fieldTestId: string) {
  const field = page.getByTestId(fieldTestId);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(field).not.toHaveAttribute('aria-describedby', /.+/);
}

test('form errors sit under their field, marked invalid, and clear on edit', async ({ page }) => {
  await page.goto(host.url);

  // New thread: the host refuses the branch name; the message is under the branch field.
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill('Broken');
  await form.getByTestId('thread-branch-input').fill('bad..name');
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-create-button').click();
  await expectFieldError(page, 'thread-branch-input', 'not a valid branch name');
  await expect(form.getByTestId('thread-branch-input')).toBeFocused();
  // Under the field: inside the same field block, not at the foot of the form.
  await expect(form.locator('.field', { has: page.getByTestId('thread-branch-input') })).toContainText(
    'not a valid branch name',
  );
  await expect(form.getByTestId('thread-name-input')).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('x');
  await expectFieldClear(page, 'thread-branch-input');
  await expect(page.getByTestId('thread-form-error')).toHaveCount(0);

  // A missing name is the form's own check, shown under the name.
  await form.getByTestId('thread-name-input').fill('');
  await form.getByTestId('thread-create-button').click();
  await expectFieldError(page, 'thread-name-input', 'Give the thread a name.');
  await form.getByTestId('thread-name-input').fill('B');
  await expectFieldClear(page, 'thread-name-input');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);

  // Open repository (the top bar's "+" popover): a folder that is not a repository.
  await page.getByTestId('project-open-toggle').click();
  await page.getByTestId('project-path-input').fill(root);
  await page.getByTestId('project-open-button').click();
  await expectFieldError(page, 'project-path-input', 'not inside a git repository');
  await page.getByTestId('project-path-input').press('End');
  await page.keyboard.type('/');
  await expectFieldClear(page, 'project-path-input');
  await expect(page.getByTestId('project-error')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('open-repository-popover')).toHaveCount(0);
  // The picker's last entry opens the same popover, ready to type in, and the project stays chosen.
  await page.getByTestId('project-select').selectOption({ label: 'Open another repository…' });
  await expect(page.getByTestId('open-repository-popover')).toBeVisible();
  await expect(page.getByTestId('project-path-input')).toBeFocused();
  await expect(page.getByTestId('project-name')).toHaveText('switchyard-demo-project');
  await expect(page.getByTestId('project-select')).not.toHaveValue('__open-another__');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('open-repository-popover')).toHaveCount(0);
  // So does "Open a repository…" in the command palette.
  await page.keyboard.press('Control+k');
  await page.getByTestId('command-palette-input').fill('Open a repository');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('open-repository-popover')).toBeVisible();
  await expect(page.getByTestId('project-path-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('open-repository-popover')).toHaveCount(0);

  // Settings: a refused number of agents.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-max-agents-input').fill('lots');
  await page.getByTestId('settings-max-agents-input').press('Enter');
  await expect(page.getByTestId('settings-max-agents-error')).toBeVisible();
  await expectFieldError(page, 'settings-max-agents-input', '');
  await page.getByTestId('settings-max-agents-input').fill('3');
  await expectFieldClear(page, 'settings-max-agents-input');
});

test('the remove dialog is an accessible modal: named, focus kept inside and given back, Esc cancels', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill('Quick one');
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill('quick');
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, 'Quick one')).toBeVisible();

  const remove = page.getByTestId('thread-remove');
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove “Quick one”' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(page.getByTestId('remove-confirm')).toBeFocused();
  // Tab and Shift+Tab go round inside the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(threadItem(page, 'Quick one')).toBeVisible();
  await expect(remove).toBeFocused();
});

test('an error toast goes away once the same action succeeds', async ({ page }) => {
  const agent = path.join(root, 'bin', 'tiny-agent');
  await mkdir(path.dirname(agent));
  await writeFile(agent, '#!/bin/sh\necho "tiny agent ran"\n');
  await chmod(agent, 0o755);

  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill('Tiny');
  await form.getByTestId('thread-profile-select').selectOption('custom');
  await form.getByTestId('thread-command-input').fill(agent);
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, 'Tiny')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  // The agent's program loses its execute bit: resuming fails, and says so in a toast.
  await chmod(agent, 0o644);
  await page.getByTestId('thread-resume').click();
  const toast = page.getByTestId('notice').filter({ hasText: 'Could not resume the agent' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('tiny-agent');

  // Fixed and retried: the stale error goes with the success.
  await chmod(agent, 0o755);
  await page.getByTestId('thread-resume').click();
  await expect(toast).toHaveCount(0);
});

/**
 * Nothing in the top bar is cut off: every control and label sits inside the window, and none
 * hides part of its own text, except the paths, which elide on purpose and carry the whole path
 * in their tooltip.
 */
async function expectTopBarUnclipped(page: Page) {
  await expect(page.getByTestId('project-path')).toBeVisible();
  const clipped = await page.getByTestId('top-bar').evaluate((bar) => {
    const found: string[] = [];
    const barBox = bar.getBoundingClientRect();
    for (const element of Array.from(
      bar.querySelectorAll<HTMLElement>(
        'button, select, .brand, .project-picker-name, .fact-label, .mono, .app-version',
      ),
    )) {
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      const name = `${element.tagName} "${element.textContent?.trim() ?? ''}"`;
      if (box.left < barBox.left || box.right > Math.min(barBox.right, window.innerWidth) + 0.5)
        found.push(`${name} outside the bar`);
      const elided = element.closest('.elided-path');
      if (elided) {
        if (!elided.getAttribute('title')) found.push(`${name} elided without a tooltip`);
        continue;
      }
      if (element.tagName !== 'SELECT' && element.scrollWidth > element.clientWidth + 0.5) found.push(`${name} cut`);
      const holder = element.closest('.project-facts');
      if (holder) {
        const holderBox = holder.getBoundingClientRect();
        if (box.right > holderBox.right + 0.5) found.push(`${name} hidden past the project facts`);
      }
    }
    return found;
  });
  expect(clipped).toEqual([]);
}

test('the top bar shows the whole project name at 1280 px; a refused token names npm start', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Nothing the page asks for is missing (the favicon was a 404 in the console).
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(host.url);
  const name = page.getByTestId('project-name');
  await expect(name).toHaveText('switchyard-demo-project');
  const size = await name.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(size.scroll).toBeLessThanOrEqual(size.client);
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });
  await expectTopBarUnclipped(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await expectTopBarUnclipped(page);
  expect(consoleErrors).toEqual([]);

  const wrongToken = host.url.replace(/token=[^&]+/, 'token=not-the-token-0000000000000000000000000000');
  await page.goto(wrongToken);
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Access token refused', { timeout: 15_000 });
  await expect(banner).toContainText('npm start');
  await expect(banner).toContainText('switchyard serve');
});
