import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread } from './support/review-helpers';
import { useWorkspaceHost } from './support/workspace-host';

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
