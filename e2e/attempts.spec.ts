import { expect, type Page, test } from '@playwright/test';
import { git } from './support/git';
import { threadItem, useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

/** A custom-command agent's argv, one per line: a shell line that writes `lines` lines and commits. */
function committingCommand(file: string, lines: number): string {
  const text = Array.from({ length: lines }, (_, i) => `line ${i + 1}`).join('\\n');
  return ['/bin/sh', '-c', `printf '${text}\\n' > ${file} && git add -A && git commit -qm ${file}`].join('\n');
}

/** `git diff --numstat` of a rev since it left main, as the compare view writes it: "+added −removed". */
async function numstatLine(repo: string, rev: string): Promise<string> {
  const base = await git(repo, 'merge-base', 'main', rev);
  const rows = (await git(repo, 'diff', '--numstat', base, rev)).split('\n').filter(Boolean);
  const [added, removed] = rows.reduce(
    ([a, r], row) => {
      const [x = '0', y = '0'] = row.split('\t');
      return [a + Number(x), r + Number(y)];
    },
    [0, 0],
  );
  return `+${added} −${removed}`;
}

function column(page: Page, k: number) {
  return page.getByTestId('compare-column').and(page.locator(`[data-k="${k}"]`));
}

/** The cell of row `row` under attempt k (columns are in attempt order). */
function cell(page: Page, row: string, k: number) {
  return page
    .getByTestId(`compare-row-${row}`)
    .locator('td')
    .nth(k - 1);
}

test('three attempts side by side: compared against git, one picked by hand, the others set aside and restorable', async ({
  page,
}) => {
  const { repo } = workspace();
  await page.goto(workspace().host.url);
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill('Race');
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill('quick');
  await form.getByTestId('thread-prompt-input').fill('Write a note');
  // The brief's check fails on attempt 3's change only.
  await form.getByTestId('brief-verify-input').fill('test ! -f attempt3.txt');
  await form.getByTestId('attempt-count-input').fill('3');
  const agents = form.getByTestId('attempt-agent');
  await expect(agents).toHaveCount(3);
  for (const [index, lines] of [
    [1, 5],
    [2, 1],
  ] as const) {
    await agents.nth(index).getByTestId('attempt-profile-select').selectOption('custom');
    await agents
      .nth(index)
      .getByTestId('attempt-command-input')
      .fill(committingCommand(`attempt${index + 1}.txt`, lines));
  }
  await form.getByTestId('thread-create-button').click();

  // The attempts are ordinary threads, listed under their group.
  const group = page.getByTestId('attempt-group');
  await expect(group).toHaveCount(1);
  for (const k of [1, 2, 3]) {
    await expect(group.locator(threadItem(page, `Race · attempt ${k}`))).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
  }

  await group.getByTestId('attempt-compare-open').click();
  const compare = page.getByTestId('compare-view');
  await expect(compare.getByTestId('compare-column')).toHaveCount(3);
  for (const k of [1, 2, 3]) {
    await expect(cell(page, 'lines', k)).toHaveText(await numstatLine(repo, `switchyard/race/attempt-${k}`));
    await expect(cell(page, 'files', k)).toHaveText('1');
    await expect(cell(page, 'status', k)).toHaveText('done');
  }
  await expect(cell(page, 'lines', 2)).toHaveText('+5 −0');
  await expect(cell(page, 'lines', 3)).toHaveText('+1 −0');
  await expect(cell(page, 'usage', 2)).toHaveText('—');
  // Only the size of the change is known: the smallest scores 100, the five-line one 20.
  await expect(cell(page, 'score-simplicity', 3)).toHaveText('100');
  await expect(cell(page, 'score-simplicity', 2)).toHaveText('20');
  await expect(cell(page, 'score-simplicity', 2).locator('span')).toHaveAttribute('title', /1 ÷ 5 lines/);

  // Verify all runs the brief's check on every attempt (the review's runs, per commit).
  await expect(cell(page, 'verify-0', 1)).toHaveText('not run');
  await compare.getByTestId('compare-verify-all').click();
  await expect(cell(page, 'verify-0', 3)).toHaveText('failed', { timeout: 20_000 });
  await expect(cell(page, 'verify-0', 1)).toHaveText('passed');
  await expect(cell(page, 'verify-0', 2)).toHaveText('passed');
  await expect(cell(page, 'score-correctness', 3)).toHaveText('0');
  await expect(cell(page, 'score-correctness', 2)).toHaveText('100');
  // The demo agent's note holds the whole brief prompt: the five-line change is the smallest that passed.
  await expect(compare.getByTestId('compare-auto-pick')).toContainText('Auto pick: attempt 2');

  // A diff between two attempts.
  await compare.getByTestId('attempt-diff-a').selectOption('2');
  await compare.getByTestId('attempt-diff-b').selectOption('3');
  await compare.getByTestId('attempt-diff-show').click();
  await expect(compare.getByTestId('attempt-diff')).toContainText('attempt3.txt');

  // Pick attempt 2 by hand: the others go, their work kept under refs/switchyard/attempts/.
  const tips = [
    await git(repo, 'rev-parse', 'switchyard/race/attempt-1'),
    await git(repo, 'rev-parse', 'switchyard/race/attempt-3'),
  ];
  await column(page, 2).getByTestId('compare-pick').click();
  await expect(column(page, 1)).toHaveAttribute('data-state', 'set-aside');
  await expect(column(page, 3)).toHaveAttribute('data-state', 'set-aside');
  await expect(column(page, 2)).toHaveAttribute('data-state', 'picked');
  await expect(column(page, 1).getByTestId('compare-restore')).toBeVisible();
  await expect(column(page, 3).getByTestId('compare-restore')).toBeVisible();
  // Set-aside attempts are still compared, from their refs.
  await expect(cell(page, 'lines', 3)).toHaveText('+1 −0');

  const refs = (
    await git(repo, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/switchyard/attempts/')
  ).split('\n');
  expect(refs.map((line) => line.split(' ')[0])).toEqual(tips);
  expect(refs.every((line) => /refs\/switchyard\/attempts\/g_[0-9a-f]+\/[13]$/.test(line))).toBe(true);
  const worktrees = await git(repo, 'worktree', 'list');
  expect(worktrees).toContain('switchyard-race-attempt-2');
  expect(worktrees).not.toContain('switchyard-race-attempt-1');
  expect(worktrees).not.toContain('switchyard-race-attempt-3');

  await compare.getByRole('button', { name: 'Close' }).click();
  await expect(threadItem(page, 'Race · attempt 1')).toHaveCount(0);
  await expect(threadItem(page, 'Race · attempt 3')).toHaveCount(0);
  await expect(threadItem(page, 'Race · attempt 2')).toHaveAttribute('data-status', 'done');
  await expect(group.getByTestId('attempt-set-aside')).toContainText('attempt 1, attempt 3');

  // Restore brings one back as a (stopped) thread on its kept work.
  await group.getByTestId('attempt-compare-open').click();
  await column(page, 3).getByTestId('compare-restore').click();
  await expect(column(page, 3)).toHaveAttribute('data-state', 'running');
  await compare.getByRole('button', { name: 'Close' }).click();
  await expect(threadItem(page, 'Race · attempt 3')).toHaveAttribute('data-status', 'stopped');
  expect(await git(repo, 'rev-parse', 'switchyard/race/attempt-3')).toBe(tips[1]);
});
