import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { startHostProcess } from './support/host-process';

async function createThread(page: Page, name: string, script: string): Promise<void> {
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill(name);
  await page.getByTestId('thread-profile-select').selectOption('custom');
  await page.getByTestId('thread-command-input').fill(`/bin/sh\n-c\n${script}`);
  await page.getByTestId('thread-create-button').click();
}

const item = (page: Page, name: string) => page.getByTestId('thread-item').filter({ hasText: name });

test('a restarted serve comes back at the same address: the open page reconnects by itself, its agent still running', async ({
  page,
}) => {
  const workspace = await makeWorkspace();
  const args = ['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo];
  let host = await startHostProcess(args);
  try {
    await page.goto(host.url);
    await createThread(page, 'Before', 'echo before; sleep 600');
    await expect(item(page, 'Before')).toHaveAttribute('data-status', 'working');
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

    await host.stop();
    expect(host.output()).toContain('Kept 1 agent (Before) running; the next start reattaches them.');
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    const again = await startHostProcess(args);
    host = again;
    expect(new URL(again.url).port).toBe(new URL(page.url()).port);

    // No reload: the same page, reconnected with the token it already had.
    await expect(page.getByTestId('connection-banner')).toHaveCount(0, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    // Ctrl-C kept the agent (the setting's default): the agent host ran it meanwhile.
    await expect(item(page, 'Before')).toHaveAttribute('data-status', /working|idle/);
    await expect(page.getByTestId('start-banner-reattached')).toContainText('Still running, reattached: Before');
    await page.getByTestId('start-banner-dismiss').click();
    await expect(page.getByTestId('start-banner')).toHaveCount(0);
    await createThread(page, 'After', 'echo after the restart; sleep 600');
    await expect(item(page, 'After')).toHaveAttribute('data-status', 'working');
    await expect(page.getByTestId('terminal-pane')).toContainText('after the restart');
  } finally {
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});

test('the start banner lists the agents that stopped with Switchyard, and Resume all resumes them', async ({
  page,
}) => {
  const workspace = await makeWorkspace();
  const args = ['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo];
  let host = await startHostProcess(args);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('start-banner')).toHaveCount(0);
    await createThread(page, 'First job', 'echo first; sleep 600');
    await expect(item(page, 'First job')).toHaveAttribute('data-status', 'working');
    await createThread(page, 'Second job', 'echo second; sleep 600');
    await expect(item(page, 'Second job')).toHaveAttribute('data-status', 'working');
    // Settings → When Switchyard quits: Stop them all.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-agents-on-quit').selectOption('stop');
    await page.getByTestId('settings-save-button').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.keyboard.press('Escape');

    await host.stop();
    // Ctrl-C (SIGTERM here) says what became of the agents.
    expect(host.output()).toMatch(
      /Stopped 2 agents \((First job, Second job|Second job, First job)\), as the setting says/,
    );
    host = await startHostProcess(args);

    const banner = page.getByTestId('start-banner');
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner.getByTestId('start-banner-stopped')).toHaveCount(2);
    await expect(banner).toContainText('First job — stopped when Switchyard quit');
    await expect(banner).toContainText('Second job — stopped when Switchyard quit');

    await banner.getByTestId('start-banner-resume-all').click();
    await expect(page.getByTestId('start-banner')).toHaveCount(0);
    await expect(item(page, 'First job')).not.toHaveAttribute('data-status', 'stopped');
    await expect(item(page, 'Second job')).not.toHaveAttribute('data-status', 'stopped');
    await expect(item(page, 'First job')).toHaveAttribute('data-status', 'working');
    await expect(item(page, 'Second job')).toHaveAttribute('data-status', 'working');
  } finally {
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});

test('restarted on another port (the old one taken), the page says to open the address printed in the terminal', async ({
  page,
}) => {
  const workspace = await makeWorkspace();
  const args = ['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo];
  let host = await startHostProcess(args);
  // Someone else took the port meanwhile: it hangs up on whoever connects.
  const squatter = net.createServer((socket) => socket.destroy());
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('thread-list')).toBeVisible();
    const oldPort = Number(new URL(host.url).port);
    await host.stop();
    await new Promise<void>((resolve) => squatter.listen(oldPort, '127.0.0.1', () => resolve()));
    host = await startHostProcess(args);
    expect(host.output()).toContain(`Port ${oldPort}, used last time, is taken`);

    await expect(page.getByTestId('connection-banner')).toBeVisible();
    await expect(page.getByTestId('connection-elsewhere')).toHaveCount(0);
    await expect(page.getByTestId('connection-elsewhere')).toContainText(
      'Switchyard may be running on another address',
      { timeout: 20_000 },
    );
    await expect(page.getByTestId('connection-elsewhere')).toContainText('open the URL printed in the terminal');
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});
