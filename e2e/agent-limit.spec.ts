import { expect, type Page, test } from '@playwright/test';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

async function createDemoThread(page: Page, name: string, scenario: string) {
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill(name);
  await page.getByTestId('thread-profile-select').selectOption('demo');
  await page.getByTestId('thread-scenario-input').fill(scenario);
  await page.getByTestId('thread-prompt-input').fill(`Please work on: ${name}`);
  await page.getByTestId('thread-create-button').click();
  await expect(threadItem(page, name)).toBeVisible();
}

test('a thread queued by the agent limit names the holder, says so in its terminal, and starts anyway', async ({
  page,
}) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-max-agents-input').fill('1');
  await page.getByTestId('settings-save-button').click();
  await expect(page.getByTestId('settings-effective-max')).toContainText('1');
  await page.keyboard.press('Escape');

  // The demo agent's feature scenario stops at a question and holds its slot while it waits.
  await createDemoThread(page, 'Slot holder', 'feature');
  await expect(threadItem(page, 'Slot holder')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
  await createDemoThread(page, 'Second in line', 'quick');
  await expect(threadItem(page, 'Second in line')).toHaveAttribute('data-status', 'queued');

  await threadItem(page, 'Second in line').click();
  const notice = page.getByTestId('queued-notice');
  await expect(notice).toContainText('1 of 1 running: "Slot holder"');
  // The terminal is not blank: it says why the agent has not started.
  await expect(page.getByTestId('terminal-pane')).toContainText('Queued: waiting for a free agent slot');
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });

  await notice.getByTestId('queued-start-anyway').click();
  await expect(threadItem(page, 'Second in line')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('queued-notice')).toHaveCount(0);
  // The holder was left alone: still waiting for its answer.
  await expect(threadItem(page, 'Slot holder')).toHaveAttribute('data-status', 'needs-input');
});
