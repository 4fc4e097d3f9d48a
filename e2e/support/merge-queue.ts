import { expect, type Page } from '@playwright/test';
import { threadItem } from './workspace-host';

/** Creates a thread run by the demo agent with `scenario` and waits until it is done. */
export async function createDemoThread(page: Page, name: string, scenario: string): Promise<void> {
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill(name);
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill(scenario);
  await form.getByTestId('thread-prompt-input').fill(`Please work on: ${name}`);
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, name)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
}

export function queueEntry(page: Page, name: string) {
  return page.getByTestId('mq-entry').and(page.locator(`[data-thread-name="${name}"]`));
}

/** The queue's entries' names, top to bottom. */
export async function queueOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('mq-entry')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-thread-name') ?? ''));
}
