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

/** The sideways positions of the file's slice scrollers, and of its one scrollbar. */
function positions(page: Page, fileId: string) {
  return page.evaluate((id) => {
    const block = document.querySelector(`[data-testid="review-file"][data-file-id="${id}"]`);
    // Those with room to scroll that far (side by side, the old side's lines here are short).
    const scrollers = [...(block?.querySelectorAll<HTMLElement>('.d2h-file-diff, .d2h-file-side-diff') ?? [])].filter(
      (s) => s.scrollWidth - s.clientWidth > 250,
    );
    const bar = block?.querySelector<HTMLElement>('[data-testid="review-hscroll"]');
    return { slices: scrollers.map((s) => Math.round(s.scrollLeft)), bar: Math.round(bar?.scrollLeft ?? -1) };
  }, fileId);
}

test('long lines scroll sideways, one scroll per file, or wrap inside their row when asked', async ({ page }) => {
  const { repo } = workspace();
  const before = Array.from({ length: 60 }, (_, i) => `export const v${i} = ${i};`);
  await writeFile(path.join(repo, 'wide.ts'), `${before.join('\n')}\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'Narrow');
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Wide', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-wide');
  const wide = (i: number) => `export const v${i} = "${'word '.repeat(120)}";`;
  const after = before.map((line, i) => (i % 6 === 3 ? wide(i) : line));
  await writeFile(path.join(worktree, 'wide.ts'), `${after.join('\n')}\n`);
  await git(worktree, 'commit', '-q', '-am', 'Wide');

  await page.getByTestId('tab-diff').click();
  const fileId = 'committed:wide.ts';
  const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
  const bar = file.getByTestId('review-hscroll');
  for (const layout of ['line-by-line', 'side-by-side']) {
    if (layout === 'side-by-side') await page.getByTestId('diff-side-by-side').check();
    await page.getByTestId('diff-wrap').uncheck();
    await file.evaluate((block) => block.scrollIntoView({ block: 'start' }));
    await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
    const unwrapped = await sideways(page, fileId);
    expect(unwrapped.scrolls, layout).toBe(true);
    expect(unwrapped.longestRowPx, layout).toBeLessThan(30);
    // One scrollbar for the file; its slices (several) move together, from the bar or from any slice.
    expect(await file.locator('.review-slice').count(), layout).toBeGreaterThan(2);
    await expect(bar, layout).toBeVisible();
    await bar.evaluate((element) => (element.scrollLeft = 200));
    await expect
      .poll(() => positions(page, fileId), layout)
      .toEqual(expect.objectContaining({ bar: 200, slices: expect.arrayContaining([200]) }));
    expect(new Set((await positions(page, fileId)).slices), layout).toEqual(new Set([200]));
    await file
      .locator('.d2h-file-diff, .d2h-file-side-diff')
      .last()
      .evaluate((element) => (element.scrollLeft = 120));
    await expect
      .poll(async () => [...new Set(Object.values(await positions(page, fileId)).flat())], layout)
      .toEqual([120]);
    await page.getByTestId('diff-wrap').check();
    const wrapped = await sideways(page, fileId);
    expect(wrapped.scrolls, layout).toBe(false);
    expect(wrapped.longestRowPx, layout).toBeGreaterThan(40);
    expect(wrapped.longestChars, layout).toBe(wide(57).length);
    await expect(bar, layout).toBeHidden();
  }
  // The choice is kept.
  await page.reload();
  await threadItem(page, 'Wide').click();
  await page.getByTestId('tab-diff').click();
  await expect(page.getByTestId('diff-wrap')).toBeChecked();
});
