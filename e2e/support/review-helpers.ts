import { type Page, expect } from '@playwright/test';
import { threadItem } from './workspace-host';

/** Creates a thread through the form with the demo agent running `scenario`, and waits for it in the sidebar. */
export async function createDemoThread(page: Page, name: string, scenario: string): Promise<void> {
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await expect(form).toBeVisible();
  await form.getByTestId('thread-name-input').fill(name);
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill(scenario);
  await form.getByTestId('thread-prompt-input').fill(`Please work on: ${name}`);
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, name)).toBeVisible();
}

/** A rendered diff line's number cell (new side), in either layout. */
export function newLineNumberCell(page: Page, fileId: string, line: number) {
  const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
  return file
    .locator('.d2h-code-linenumber .line-num2, .d2h-file-side-diff:nth-child(2) .d2h-code-side-linenumber')
    .filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) })
    .first();
}
