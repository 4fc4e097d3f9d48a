import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { startHostProcess } from './support/host-process';

test('after a restart a thread shows stopped with its scrollback, and resumes with one click', async ({ page }) => {
  const workspace = await makeWorkspace();
  const args = ['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo];
  let host = await startHostProcess(args);
  try {
    await page.goto(host.url);
    await page.getByTestId('new-thread').click();
    await page.getByTestId('thread-name-input').fill('Long job');
    await page.getByTestId('thread-profile-select').selectOption('custom');
    await page.getByTestId('thread-command-input').fill('/bin/sh\n-c\necho "working on the long job"; sleep 600');
    await page.getByTestId('thread-create-button').click();
    const item = page.getByTestId('thread-item').filter({ hasText: 'Long job' });
    await expect(page.getByTestId('terminal-pane')).toContainText('working on the long job');

    // Quit, with Settings → When Switchyard quits set to stop the agents (by default they keep
    // running in the agent host), and start again: the agent is gone, its scrollback is not.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-agents-on-quit').selectOption('stop');
    await page.getByTestId('settings-save-button').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.keyboard.press('Escape');
    await host.stop();
    host = await startHostProcess(args);
    await page.goto(host.url);
    await expect(item).toHaveAttribute('data-status', 'stopped');
    await expect(item).toContainText('stopped when Switchyard quit');
    await item.click();
    await expect(page.getByTestId('terminal-pane')).toContainText('working on the long job');

    await page.getByTestId('thread-resume').click();
    await expect(page.getByTestId('terminal-pane')).toContainText('resumed by Switchyard');
    await expect(item).not.toHaveAttribute('data-status', 'stopped');
    await expect(page.getByTestId('thread-resume')).toHaveCount(0);
  } finally {
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});
