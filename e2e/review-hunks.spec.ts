import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { git } from './support/git';
import { createDemoThread } from './support/review-helpers';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** A TypeScript file of functions, so git's hunk headers carry the function each hunk is in. */
function source(fns: number, bodyLines: number, edit: (fn: number, line: number) => string | null): string {
  const lines: string[] = [];
  for (let f = 0; f < fns; f++) {
    lines.push(`function section${f}(input: number): number {`);
    for (let l = 0; l < bodyLines; l++) {
      const edited = edit(f, l);
      if (edited === null) lines.push(`  const v${f}_${l} = input * ${l}; // step ${l}`);
      else if (edited !== '') lines.push(edited);
    }
    lines.push('  return input;', '}', '');
  }
  return lines.join('\n');
}

/** What git's diff says: its hunk headers, and each side's line number → text. */
function readGitDiff(patch: string) {
  const headers: string[] = [];
  const oldLines = new Map<number, string>();
  const newLines = new Map<number, string>();
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      headers.push(line);
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      inHunk = true;
    } else if (!inHunk) continue;
    else if (line.startsWith(' ')) {
      oldLines.set(oldLine++, line.slice(1));
      newLines.set(newLine++, line.slice(1));
    } else if (line.startsWith('-')) oldLines.set(oldLine++, line.slice(1));
    else if (line.startsWith('+')) newLines.set(newLine++, line.slice(1));
  }
  return { headers, old: [...oldLines].sort((a, b) => a[0] - b[0]), new: [...newLines].sort((a, b) => a[0] - b[0]) };
}

/** What the pane shows for one file, line by line: the hunk headers drawn, and each side's numbered lines. */
function shownDiff(page: Page, fileId: string) {
  return page.evaluate((id) => {
    const patch = document.querySelector(`[data-testid="review-file"][data-file-id="${id}"] .review-patch`);
    const rows = [...(patch?.querySelectorAll('tbody.d2h-diff-tbody > tr') ?? [])];
    const headers: string[] = [];
    const oldLines: Array<[number, string]> = [];
    const newLines: Array<[number, string]> = [];
    for (const row of rows) {
      const info = row.querySelector('td.d2h-info:not(.d2h-code-linenumber)');
      if (info) {
        headers.push((info.textContent ?? '').trim());
        continue;
      }
      const text = row.querySelector('.d2h-code-line-ctn')?.textContent ?? '';
      const oldNumber = row.querySelector('.line-num1')?.textContent?.trim();
      const newNumber = row.querySelector('.line-num2')?.textContent?.trim();
      if (oldNumber) oldLines.push([Number(oldNumber), text]);
      if (newNumber) newLines.push([Number(newNumber), text]);
    }
    return {
      headers,
      old: oldLines.sort((a, b) => a[0] - b[0]),
      new: newLines.sort((a, b) => a[0] - b[0]),
      slices: patch?.querySelectorAll('.review-slice').length ?? 0,
      continued: patch?.querySelectorAll('.review-slice[data-continues-hunk="true"]').length ?? 0,
    };
  }, fileId);
}

/** The hunk headers drawn side by side (on the left table; the right one draws the same rows empty). */
function shownHeadersSideBySide(page: Page, fileId: string) {
  return page.evaluate((id) => {
    const patch = document.querySelector(`[data-testid="review-file"][data-file-id="${id}"] .review-patch`);
    return [
      ...(patch?.querySelectorAll('.d2h-file-side-diff:first-child td.d2h-info:not(.d2h-code-side-linenumber)') ?? []),
    ].map((cell) => (cell.textContent ?? '').trim());
  }, fileId);
}

// Slices are how a long file is drawn a piece at a time; what the pane shows must be git's own
// hunks: one header each, as git wrote it, with git's line numbers (issue 13, item 6).
test('the review pane shows exactly the hunks git produced, however a file is sliced', async ({ page }) => {
  const { repo } = workspace();
  await writeFile(
    path.join(repo, 'engine.ts'),
    source(3, 60, () => null),
  );
  await writeFile(
    path.join(repo, 'table.ts'),
    source(2, 40, () => null),
  );
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'Engine and table');
  await page.goto(workspace().host.url);
  await createDemoThread(page, 'Hunks', 'echo');
  const worktree = path.join(`${repo}.worktrees`, 'switchyard-hunks');
  // engine.ts: one long hunk (a line changed every fourth, over 30 lines), a run of 12 lines
  // replaced by 14 (longer than a slice), and a small change in the last function.
  await writeFile(
    path.join(worktree, 'engine.ts'),
    source(3, 60, (f, l) => {
      if (f === 0 && l >= 8 && l <= 40 && l % 4 === 0) return `  const changed${l} = input + ${l};`;
      if (f === 1 && l >= 20 && l < 32)
        return `  const replaced${l} = input - ${l};${l === 31 ? '\n  const more1 = 1;\n  const more2 = 2;' : ''}`;
      if (f === 2 && l === 50) return '  const last = input % 50;';
      return null;
    }),
  );
  // table.ts: a 21-line deletion.
  await writeFile(
    path.join(worktree, 'table.ts'),
    source(2, 40, (f, l) => (f === 1 && l >= 5 && l < 26 ? '' : null)),
  );
  await git(worktree, 'commit', '-q', '-am', 'Rework the engine, trim the table');

  await page.getByTestId('tab-diff').click();
  for (const name of ['engine.ts', 'table.ts']) {
    const fileId = `committed:${name}`;
    const expected = readGitDiff(await git(worktree, 'diff', '--no-color', 'main...HEAD', '--', name));
    const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
    // A file is drawn while its end is near the viewport: bring the end there.
    await file.evaluate((block) => block.scrollIntoView({ block: 'end' }));
    await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
    const shown = await shownDiff(page, fileId);
    // git's hunks: the same headers, function context and all, once each…
    expect(shown.headers, name).toEqual(expected.headers);
    // …every line numbered as git numbers it, on both sides…
    expect(shown.old, name).toEqual(expected.old);
    expect(shown.new, name).toEqual(expected.new);
    // …though drawn in several slices, some going on with a hunk begun before them.
    expect(shown.slices, name).toBeGreaterThan(expected.headers.length);
    expect(shown.continued, name).toBeGreaterThan(0);
  }
  expect(readGitDiff(await git(worktree, 'diff', '--no-color', 'main...HEAD', '--', 'table.ts')).headers).toHaveLength(
    1,
  );

  // The same hunks side by side.
  await page.getByTestId('diff-side-by-side').check();
  for (const name of ['engine.ts', 'table.ts']) {
    const fileId = `committed:${name}`;
    const expected = readGitDiff(await git(worktree, 'diff', '--no-color', 'main...HEAD', '--', name));
    const file = page.locator(`[data-testid="review-file"][data-file-id="${fileId}"]`);
    await file.evaluate((block) => block.scrollIntoView({ block: 'end' }));
    await expect(file.locator('.review-patch')).toHaveAttribute('data-drawn', 'true');
    expect(await shownHeadersSideBySide(page, fileId), name).toEqual(expected.headers);
  }
});
