import { type Locator, type Page, expect } from '@playwright/test';
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

/** A rendered diff line's number cell on the old side (a removed or context line), in either layout. */
export function oldLineNumberCell(page: Page, fileId: string, line: number) {
  const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
  return file
    .locator('.d2h-code-linenumber .line-num1, .d2h-file-side-diff:nth-child(1) .d2h-code-side-linenumber')
    .filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) })
    .first();
}

/**
 * The diff line an inline element (a comment, the composer) sits under: the numbers of the row
 * above its own row (other inline rows skipped), which table it is in side by side (0 old, 1 new),
 * and, side by side, whether the other table keeps a row as tall at the same place.
 */
export function inlineAnchorOf(element: Locator) {
  return element.evaluate((node) => {
    const own = node.closest('tr');
    let above = own?.previousElementSibling ?? null;
    while (above?.classList.contains('review-inline-row')) above = above.previousElementSibling;
    const number = (selector: string) => {
      const text = above?.querySelector(selector)?.textContent?.trim() ?? '';
      return /^\d+$/.test(text) ? Number(text) : null;
    };
    const side = own?.closest('.d2h-file-side-diff');
    const tables = side ? [...(side.parentElement?.querySelectorAll(':scope > .d2h-file-side-diff') ?? [])] : [];
    let spacerAligned: boolean | null = null;
    if (side && own?.parentElement) {
      const index = [...own.parentElement.children].indexOf(own);
      const other = tables.find((t) => t !== side)?.querySelector('tbody.d2h-diff-tbody')?.children[index];
      const a = own.getBoundingClientRect();
      const b = other?.getBoundingClientRect();
      spacerAligned =
        !!other?.classList.contains('review-inline-spacer') &&
        !!b &&
        Math.abs(a.top - b.top) <= 1 &&
        Math.abs(a.height - b.height) <= 1;
    }
    return side
      ? {
          table: tables.indexOf(side),
          line: number('.d2h-code-side-linenumber'),
          removed: false,
          spacerAligned,
        }
      : {
          table: 0,
          old: number('.line-num1'),
          new: number('.line-num2'),
          removed: above?.querySelector('td.d2h-del') !== null,
        };
  });
}
