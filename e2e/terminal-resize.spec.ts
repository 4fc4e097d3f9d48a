import { expect, test } from '@playwright/test';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });
test('the agent’s terminal follows the window size', async ({ page }) => {
  await page.goto(workspace().host.url);
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
