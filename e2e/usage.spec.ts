import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fakeClaudePrompt, writeFakeClaude } from '../electron/test-support/fake-claude';
import { makeWorkspace } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let root: string;
let configDir: string;

test.beforeEach(async () => {
  let repo: string;
  ({ root, repo } = await makeWorkspace());
  const bin = path.join(root, 'bin');
  configDir = path.join(root, 'claude-config');
  await mkdir(path.join(configDir, 'projects'), { recursive: true });
  await writeFakeClaude(bin);
  // The host finds the stand-in `claude` on its PATH and reads its records where CLAUDE_CONFIG_DIR says.
  const saved = { PATH: process.env.PATH, CLAUDE_CONFIG_DIR: process.env.CLAUDE_CONFIG_DIR };
  process.env.PATH = [bin, saved.PATH].join(path.delimiter);
  process.env.CLAUDE_CONFIG_DIR = configDir;
  try {
    host = await startHostProcess(['--data-dir', path.join(root, 'data'), '--repo', repo]);
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.CLAUDE_CONFIG_DIR === undefined) delete process.env.CLAUDE_CONFIG_DIR;
    else process.env.CLAUDE_CONFIG_DIR = saved.CLAUDE_CONFIG_DIR;
  }
});

test.afterEach(async () => {
  await host.stop();
  await rm(root, { recursive: true, force: true });
});

test("a Claude Code thread's spend in its sidebar row, its header and the Usage view", async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Spender');
  await page.getByTestId('thread-profile-select').selectOption('claude');
  // Two turns of 10 in / 10,000 out on Sonnet 4.5 ($3 / $15 per million): $0.30006.
  await page
    .getByTestId('thread-prompt-input')
    .fill(fakeClaudePrompt({ configDir, turns: 2, everyMs: 300, input: 10, output: 10_000 }));
  await page.getByTestId('thread-create-button').click();

  const row = page.getByTestId('thread-item').filter({ hasText: 'Spender' });
  await expect(row.getByTestId('thread-usage')).toHaveText('$0.30', { timeout: 20_000 });
  await expect(page.getByTestId('thread-usage-cost')).toHaveText('$0.30');
  await expect(page.getByTestId('thread-usage-tokens')).toHaveText('in 20 · out 20k · cache read 0 · cache write 0');
  await expect(page.getByTestId('thread-usage-model')).toHaveText('claude-sonnet-4-5-20250929');

  await page.getByTestId('usage-button').click();
  const view = page.getByTestId('usage-view');
  await expect(view.getByTestId('usage-today')).toContainText('$0.30');
  const project = view.getByTestId('usage-projects').getByTestId('usage-row');
  await expect(project).toHaveCount(1);
  await expect(project).toContainText('shop');
  await expect(project).toContainText('$0.30');
  await expect(view.getByTestId('usage-models')).toContainText('claude-sonnet-4-5-20250929');
  await expect(view.getByTestId('usage-threads')).toContainText('Spender');

  // A project budget of $0.25 is passed: the thread is marked over budget.
  await view.getByTestId('project-budget-limit').fill('0.25');
  await view.getByTestId('project-budget-save').click();
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('thread-budget-alert')).toHaveAttribute('data-level', 'over');
  await expect(page.getByTestId('thread-header-budget-alert')).toHaveText("over the project's budget: $0.30 of $0.25");

  // Settings → Model prices: output at $30 a million instead of $15 doubles the thread's cost at once.
  await page.getByTestId('settings-button').click();
  const prices = page.getByTestId('price-overrides');
  await prices.getByTestId('price-override-add').click();
  await prices.getByTestId('price-override-model').fill('claude-sonnet-4-5');
  await prices.getByTestId('price-override-input').fill('3');
  await prices.getByTestId('price-override-output').fill('30');
  await prices.getByTestId('price-override-save').click();
  await expect(prices.getByRole('status')).toContainText('Saved');
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('thread-usage')).toHaveText('$0.60');
  await expect(page.getByTestId('thread-usage-cost')).toHaveText('$0.60');
});

test('a budget set in the thread header stops the agent at its limit', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Capped');
  await page.getByTestId('thread-profile-select').selectOption('claude');
  // $0.15 a turn (10,000 output tokens of Sonnet 4.5), a turn every 0.8 s.
  await page
    .getByTestId('thread-prompt-input')
    .fill(fakeClaudePrompt({ configDir, turns: 30, everyMs: 800, input: 0, output: 10_000 }));
  await page.getByTestId('thread-create-button').click();
  await expect(page.getByTestId('thread-usage-cost')).toHaveText('$0.15', { timeout: 20_000 });

  await page.getByTestId('thread-budget-toggle').click();
  await page.getByTestId('thread-budget-limit').fill('0.5');
  await page.getByTestId('thread-budget-stop').check();
  await page.getByTestId('thread-budget-save').click();
  await expect(page.getByTestId('thread-budget-toggle')).toHaveText('Budget: $0.50, stops there');

  await expect(page.getByTestId('thread-header-status')).toHaveText(/stopped/, { timeout: 20_000 });
  await expect(page.getByTestId('thread-header-reason')).toHaveText('stopped at its budget');
  await expect(page.getByTestId('thread-header-budget-alert')).toHaveText(/^over its budget: \$0\.(60|75) of \$0\.50$/);
  const row = page.getByTestId('thread-item').filter({ hasText: 'Capped' });
  await expect(row.getByTestId('thread-budget-alert')).toHaveText('over budget');
});
