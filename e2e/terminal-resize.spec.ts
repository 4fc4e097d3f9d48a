import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let workspace: { root: string; repo: string };

test.beforeEach(async () => {
  workspace = await makeWorkspace();
  host = await startHostProcess(['--data-dir', path.join(workspace.root, 'data'), '--repo', workspace.repo]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(workspace.root, { recursive: true, force: true });
});

test('the agent’s terminal follows the window size', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Size probe');
  await page.getByTestId('thread-profile-select').selectOption('custom');
  // The agent reports the pty size it sees, waits for Enter, and reports it again.
  await page
    .getByTestId('thread-command-input')
    .fill('/bin/sh\n-c\necho "size $(stty size)"; read x; echo "size $(stty size)"');
  await page.getByTestId('thread-create-button').click();

  const terminal = page.getByTestId('terminal-pane');
  await expect(terminal).toContainText(/size \d+ \d+/);
  const sizes = async () =>
    [...((await terminal.textContent()) ?? '').matchAll(/size (\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const [[rowsBefore, colsBefore]] = (await sizes()) as [[number, number]];

  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForTimeout(400);
  await terminal.click();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await sizes()).length).toBe(2);
  const [, [rowsAfter, colsAfter]] = (await sizes()) as [[number, number], [number, number]];
  expect(colsAfter).toBeLessThan(colsBefore);
  expect(rowsAfter).toBeLessThan(rowsBefore);
});
