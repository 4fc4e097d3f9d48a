import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'switchyard-keys-'));
  host = await startHostProcess(['--data-dir', dataDir]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('the demo threads driven from the keyboard: palette, Ctrl+n / Alt+n, next-needs-me, sidebar arrows, ?, Ctrl+N / Alt+N', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('try-demo').focus();
  await page.keyboard.press('Enter');
  const items = page.getByTestId('thread-item');
  await expect(items).toHaveCount(4);
  const item = (name: string) => items.filter({ hasText: name });
  await expect(item('Add greeting notes')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
  await expect(item('Polish README')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(item('Rewrite README title')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const title = page.getByTestId('thread-title');

  // Ctrl+K: an accessible dialog with a listbox; typing filters, Enter goes to the thread.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(page.getByTestId('command-palette-input')).toBeFocused();
  await expect(palette.getByRole('listbox')).toBeVisible();
  await expect(palette.getByRole('option', { name: /Open the merge queue/ })).toBeVisible();
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });
  await page.keyboard.type('rewrite');
  await expect(palette.getByRole('option').first()).toContainText('Rewrite README title');
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(item('Rewrite README title')).toHaveAttribute('aria-current', 'true');
  await expect(title).toHaveText('Rewrite README title');

  // ↓/↑ in the palette move the choice; Escape closes it and gives focus back.
  await item('Polish README').focus();
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await page.keyboard.type('thread');
  await page.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(item('Polish README')).toBeFocused();

  // Ctrl+2: the second thread of the sidebar as shown (needs-input first, then oldest first).
  await page.keyboard.press('Control+2');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(title).toHaveText('Polish README');

  // A browser tab keeps Ctrl+1…9 (switch tabs) for itself: Alt+digit does the same, even from the terminal.
  await expect(page.locator('.xterm textarea')).toBeFocused();
  await page.keyboard.press('Alt+3');
  await expect(items.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(title).toHaveText('Rewrite README title');
  await page.keyboard.press('Alt+2');
  await expect(title).toHaveText('Polish README');

  // Ctrl+J from inside the terminal (it takes the keyboard once the thread shows): the waiting thread.
  await expect(page.locator('.xterm textarea')).toBeFocused();
  await page.keyboard.press('Control+j');
  await expect(item('Add greeting notes')).toHaveAttribute('aria-current', 'true');
  await expect(title).toHaveText('Add greeting notes');
  await expect(page.getByTestId('terminal-pane')).toContainText('Apply this edit? (y/n)');

  // ↑/↓ in the sidebar walk the threads and keep the keyboard there.
  await item('Add greeting notes').focus();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('terminal-pane')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(items.nth(1)).toBeFocused();

  // ?: the shortcuts list, from the same registry as the palette.
  await page.keyboard.press('?');
  const shortcuts = page.getByTestId('shortcuts-dialog');
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts).toContainText('Ctrl+K');
  await expect(shortcuts).toContainText('Next thread that needs me');
  await expect(shortcuts).toContainText('Ctrl+1…9 / Alt+1…9');
  await expect(shortcuts).toContainText('Ctrl+N / Alt+N');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);

  // Ctrl+N: the new-thread form; keys typed into its fields are text, not shortcuts.
  await page.keyboard.press('Control+n');
  const form = page.getByTestId('new-thread-form');
  await expect(form).toBeVisible();
  const name = form.getByTestId('thread-name-input');
  await name.focus();
  await page.keyboard.type('What?');
  await expect(name).toHaveValue('What?');
  await expect(shortcuts).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);

  // Ctrl+N opens a new browser window in a real tab (the page never sees it): Alt+N is the way there.
  await items.first().focus();
  await page.keyboard.press('Alt+n');
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
});
