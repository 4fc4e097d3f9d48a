import { expect, test } from '@playwright/test';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('an agent at a usage limit reads rate-limited until its reset, under its own filter, and is not typed into', async ({
  page,
}) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Limited');
  await page.getByTestId('thread-profile-select').selectOption('custom');
  // Claude Code's words at a 5-hour limit (anthropics/claude-code issue #79136), a reset two hours on.
  const script = 'echo "⎿  5-hour limit reached ∙ resets $(date -d "+2 hours" +%-I:%M%p)"; read x';
  await page.getByTestId('thread-command-input').fill(`/bin/sh\n-c\n${script}`);
  // No {prompt} in the command: the prompt would be typed once the agent looks ready for it.
  await page.getByTestId('thread-prompt-input').fill('typed-too-soon');
  await page.getByTestId('thread-create-button').click();

  const row = threadItem(page, 'Limited');
  await expect(row).toHaveAttribute('data-status', 'rate-limited', { timeout: 30_000 });
  const reset = new Date(Date.now() + 2 * 3_600_000);
  const clock = `${String(reset.getHours()).padStart(2, '0')}:${String(reset.getMinutes()).padStart(2, '0')}`;
  await expect(row.getByTestId('thread-status-reason')).toHaveText(
    new RegExp(`^rate-limited until (\\w+ \\d+ )?${clock}$`),
  );
  await expect(row.getByTestId('thread-status')).toHaveText('rate-limited');
  // Well past the 4 s of silence after which a screen no rule knows counts as ready: still not typed.
  await row.click();
  await page.waitForTimeout(6_000);
  await expect(page.getByTestId('terminal-pane')).toContainText('5-hour limit reached');
  await expect(page.getByTestId('terminal-pane')).not.toContainText('typed-too-soon');

  // Its own filter, counted; "Working" does not count it (nothing to show there).
  await expect(page.getByTestId('thread-filter-rate-limited')).toContainText('1');
  await expect(page.getByTestId('thread-filter-working')).toBeDisabled();
  await page.getByTestId('thread-filter-rate-limited').click();
  await expect(row).toBeVisible();
});

test('an agent retrying a dead connection for over a minute reads stalled, in its own words', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(workspace().host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Offline');
  await page.getByTestId('thread-profile-select').selectOption('custom');
  // Codex's words with no network (fixtures/codex-exec-offline), then nothing more.
  const script =
    'echo "ERROR: Reconnecting... 1/5"; sleep 1; echo "ERROR: Reconnecting... waiting for network"; read x';
  await page.getByTestId('thread-command-input').fill(`/bin/sh\n-c\n${script}`);
  await page.getByTestId('thread-create-button').click();

  const row = threadItem(page, 'Offline');
  await expect(row).toHaveAttribute('data-status', 'working', { timeout: 30_000 });
  await expect(row.getByTestId('thread-status-reason')).toHaveText(
    'retrying: ERROR: Reconnecting... waiting for network',
  );
  // A minute of retrying, then the shared status clock's next tick (every 5 s).
  await expect(row).toHaveAttribute('data-status', 'stalled', { timeout: 90_000 });
  await expect(row.getByTestId('thread-status-reason')).toHaveText(
    'stalled: ERROR: Reconnecting... waiting for network',
  );
  await expect(page.getByTestId('thread-filter-stalled')).toContainText('1');
});
