import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { startHostProcess } from './support/host-process';

test('a tab opened without the token (closed and reopened from history) says nothing is lost, not "first run"', async ({
  page,
  context,
}) => {
  const workspace = await makeWorkspace();
  const host = await startHostProcess(['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo]);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('thread-list')).toBeVisible();
    // The address bar lost the token; a new tab opened at that address has none.
    const address = page.url();
    expect(address).not.toContain('token=');
    await page.close();
    const reopened = await context.newPage();
    await reopened.goto(address);

    const panel = reopened.getByTestId('no-access-panel');
    await expect(panel).toContainText('This tab has no access token');
    await expect(panel).toContainText('Nothing is lost');
    await expect(panel).toContainText(`${new URL(host.url).origin}/?token=…`);
    // Not the first-run page (as if every thread were gone), and one message, not two.
    await expect(reopened.getByTestId('welcome-panel')).toHaveCount(0);
    await expect(reopened.getByTestId('try-demo')).toHaveCount(0);
    await expect(reopened.getByTestId('load-error')).toHaveCount(0);
    await expect(reopened.getByTestId('connection-banner')).toContainText('No access token');

    // The printed address still works in that tab.
    await reopened.goto(host.url);
    await expect(reopened.getByTestId('thread-list')).toBeVisible();
    await expect(reopened.getByTestId('no-access-panel')).toHaveCount(0);
  } finally {
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});
