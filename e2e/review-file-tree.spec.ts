import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread } from './support/review-helpers';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('the file list is a tree with a filter, in a column whose width is kept', async ({ page }) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Tree', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-tree');
  const files = ['src/review/ui/list.ts', 'src/review/ui/pane.ts', 'src/app.ts', 'docs/guide.md'];
  for (const file of files) {
    await mkdir(path.dirname(path.join(worktree, file)), { recursive: true });
    await writeFile(path.join(worktree, file), `// ${file}\n`);
  }
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', 'Files');

  await page.getByTestId('tab-diff').click();
  const list = page.getByTestId('diff-file-list');
  const listed = list.getByTestId('diff-file');
  const folder = (key: string) => list.locator(`[data-testid="diff-folder"][data-folder="committed:${key}"]`);
  await expect(listed).toHaveCount(4);
  // `review/ui` has only a folder on its way: one row.
  await expect(folder('src/review/ui')).toHaveCount(1);
  await expect(folder('src/review/ui')).toContainText('review/ui');
  await expect(folder('src/review')).toHaveCount(0);
  await expect(listed.filter({ hasText: 'pane.ts' })).toHaveAttribute('data-path', 'src/review/ui/pane.ts');

  // Folders fold and unfold.
  await folder('src').click();
  await expect(folder('src')).toHaveAttribute('data-collapsed', 'true');
  await expect(listed).toHaveCount(1);
  await folder('src').click();
  await expect(listed).toHaveCount(4);

  // The filter: a glob, with the count of matches; from the keyboard, Enter opens the first match.
  const filter = page.getByTestId('file-filter');
  const count = page.getByTestId('file-filter-count');
  await expect(count).toHaveText('4 files');
  await filter.fill('ui/*.ts');
  await expect(count).toHaveText('2 of 4');
  await expect(listed).toHaveCount(2);
  await filter.fill('guide');
  await expect(count).toHaveText('1 of 4');
  await filter.press('Enter');
  const guide = page.locator('[data-testid="review-file"][data-file-id="committed:docs/guide.md"]');
  await expect(guide).toHaveAttribute('data-current', 'true');
  await expect(listed.and(page.locator('[data-current="true"]'))).toHaveAttribute('data-path', 'docs/guide.md');
  // Arrow keys move through the tree; Enter opens the file there.
  await filter.fill('.ts');
  await expect(count).toHaveText('3 of 4');
  await filter.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = page.locator('[data-testid="review-file"][data-file-id="committed:src/review/ui/pane.ts"]');
  await expect(second).toHaveAttribute('data-current', 'true');
  await filter.fill('nothing matches this');
  await expect(count).toHaveText('0 of 4');
  await expect(page.getByTestId('file-filter-empty')).toBeVisible();
  await filter.press('Escape');
  await expect(listed).toHaveCount(4);
  // `/` from anywhere in the pane goes to the filter.
  await page.locator('.review-diffs').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(filter).toBeFocused();

  // Its own column, left of the diffs, resized by dragging its handle; the width is kept.
  const column = page.getByTestId('review-file-column');
  const diffs = page.locator('.review-diffs');
  const start = (await column.boundingBox())!;
  expect((await diffs.boundingBox())!.x).toBeGreaterThanOrEqual(start.x + start.width);
  const handle = (await page.getByTestId('review-file-column-handle').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + 200, { steps: 4 });
  await page.mouse.move(handle.x + handle.width / 2 + 120, handle.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await column.boundingBox())!.width)).toBe(Math.round(start.width) + 120);

  await page.reload();
  await threadItem(page, 'Tree').click();
  await page.getByTestId('tab-diff').click();
  await expect(listed).toHaveCount(4);
  expect(Math.round((await column.boundingBox())!.width)).toBe(Math.round(start.width) + 120);
});
