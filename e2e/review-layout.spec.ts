import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread } from './support/review-helpers';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** Each drawn slice of the file's diff: its height and the room that was kept for it before it was laid out. */
function slicesOf(page: Page, fileId: string) {
  return page.evaluate((id) => {
    const patch = document.querySelector(`[data-testid="review-file"][data-file-id="${id}"] .review-patch`);
    return [...(patch?.querySelectorAll<HTMLElement>('.review-slice') ?? [])].map((slice) => ({
      height: slice.getBoundingClientRect().height,
      kept: Number(/(\d+)px/.exec(slice.style.containIntrinsicSize)?.[1] ?? Number.NaN),
    }));
  }, fileId);
}

// What keeps a long review from jumping as it renders: the room kept for what is not drawn yet
// is the room it takes once drawn (docs/decisions/0005-review-pane.md).
test('a file’s diff takes the room that was kept for it, line by line and side by side', async ({ page }) => {
  const { repo } = workspace();
  const before = Array.from({ length: 80 }, (_, i) => `export const v${i} = ${i};`);
  await writeFile(path.join(repo, 'values.ts'), `${before.join('\n')}\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'Values');
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Values', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-values');
  // Changed, removed and added lines, so side by side pairs rows that line by line does not.
  const after = before
    .map((line, i) => (i % 7 === 0 ? `${line} // doubled` : line))
    .filter((_, i) => i % 11 !== 5)
    .concat('export const added = true;');
  await writeFile(path.join(worktree, 'values.ts'), `${after.join('\n')}\n`);
  await git(worktree, 'commit', '-q', '-am', 'Change values');

  await page.getByTestId('tab-diff').click();
  const file = page.locator('[data-testid="review-file"][data-file-id="committed:values.ts"]');
  for (const layout of ['line-by-line', 'side-by-side']) {
    if (layout === 'side-by-side') await page.getByTestId('diff-side-by-side').check();
    // A file is drawn while its end is near the viewport: bring the end there.
    await file.evaluate((block) => block.scrollIntoView({ block: 'end' }));
    await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
    const slices = await slicesOf(page, 'committed:values.ts');
    expect(slices.length, layout).toBeGreaterThan(3);
    for (const slice of slices) expect(Math.abs(slice.height - slice.kept), layout).toBeLessThanOrEqual(2);
  }
});

/** Whether anything in the file's diff scrolls sideways, and the height of the row of its longest line. */
function sideways(page: Page, fileId: string) {
  return page.evaluate((id) => {
    const patch = document.querySelector(`[data-testid="review-file"][data-file-id="${id}"] .review-patch`);
    const scrollers = [...(patch?.querySelectorAll<HTMLElement>('.d2h-file-diff, .d2h-file-side-diff') ?? [])];
    const lines = [...(patch?.querySelectorAll<HTMLElement>('.d2h-code-line-ctn') ?? [])];
    const longest = lines.reduce<HTMLElement | null>(
      (a, b) => ((a?.textContent?.length ?? 0) >= (b.textContent?.length ?? 0) ? a : b),
      null,
    );
    return {
      scrolls: scrollers.some((s) => s.scrollWidth > s.clientWidth + 1),
      longestRowPx: longest?.closest('tr')?.getBoundingClientRect().height ?? 0,
      longestChars: longest?.textContent?.length ?? 0,
    };
  }, fileId);
}

test('long lines scroll sideways, or wrap inside their row when asked, in both layouts', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Wide', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-wide');
  const wide = `export const wide = "${'word '.repeat(120)}";`;
  await writeFile(path.join(worktree, 'wide.ts'), `export const a = 1;\n${wide}\nexport const b = 2;\n`);
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Wide');

  await page.getByTestId('tab-diff').click();
  const file = page.locator('[data-testid="review-file"][data-file-id="committed:wide.ts"]');
  await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
  for (const layout of ['line-by-line', 'side-by-side']) {
    if (layout === 'side-by-side') await page.getByTestId('diff-side-by-side').check();
    await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
    await page.getByTestId('diff-wrap').uncheck();
    const unwrapped = await sideways(page, 'committed:wide.ts');
    expect(unwrapped.scrolls, layout).toBe(true);
    expect(unwrapped.longestRowPx, layout).toBeLessThan(30);
    await page.getByTestId('diff-wrap').check();
    const wrapped = await sideways(page, 'committed:wide.ts');
    expect(wrapped.scrolls, layout).toBe(false);
    expect(wrapped.longestRowPx, layout).toBeGreaterThan(40);
    expect(wrapped.longestChars, layout).toBe(wide.length);
  }
  // The choice is kept.
  await page.reload();
  await threadItem(page, 'Wide').click();
  await page.getByTestId('tab-diff').click();
  await expect(page.getByTestId('diff-wrap')).toBeChecked();
});
