import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { git } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';
import { threadItem } from './support/workspace-host';

let root: string;
let host: HostProcess;

async function makeRepo(name: string): Promise<string> {
  const repo = path.join(root, name);
  await mkdir(repo);
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'config', 'user.name', 'E2E');
  await git(repo, 'config', 'user.email', 'e2e@example.invalid');
  await writeFile(path.join(repo, 'README.md'), `# ${name}\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '--quiet', '-m', 'initial');
  return repo;
}

test.beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'switchyard-inbox-')));
  host = await startHostProcess(['--data-dir', path.join(root, 'data')]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(root, { recursive: true, force: true });
});

async function openRepo(page: Page, repo: string) {
  // With a project open, the path field is in the top bar's "+" popover; before, on the welcome panel.
  if (await page.getByTestId('project-open-toggle').isVisible()) await page.getByTestId('project-open-toggle').click();
  await page.getByTestId('project-path-input').fill(repo);
  await page.getByTestId('project-open-button').click();
  await expect(page.getByTestId('project-name')).toHaveText(path.basename(repo));
}

/** A demo agent that asks a question and waits for the answer. */
async function startAskingThread(page: Page, name: string) {
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill(name);
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill('ask-twice');
  await form.getByTestId('thread-prompt-input').fill('docs');
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, name)).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
}

test('the "Needs you" inbox lists waiting threads of every project and opens them; the banner opens the thread', async ({
  page,
}) => {
  const alpha = await makeRepo('alpha');
  const beta = await makeRepo('beta');
  await page.goto(host.url);
  await openRepo(page, alpha);
  await startAskingThread(page, 'Alpha asks');
  await openRepo(page, beta);
  await startAskingThread(page, 'Beta asks');

  // The top bar counts what waits across both projects.
  await expect(page.getByTestId('inbox-count')).toHaveText('2');
  await page.getByTestId('inbox-button').click();
  const inbox = page.getByTestId('inbox-dialog');
  await expect(inbox).toBeVisible();
  const groups = inbox.getByTestId('inbox-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toContainText('alpha');
  await expect(groups.nth(0)).toContainText('Alpha asks');
  await expect(groups.nth(1)).toContainText('beta');
  await expect(groups.nth(1)).toContainText('Beta asks');
  const alphaRow = inbox.getByTestId('inbox-row').filter({ hasText: 'Alpha asks' });
  // What it asks, and how long it has waited.
  await expect(alphaRow).toContainText('?');
  await expect(alphaRow.getByTestId('inbox-waited')).toHaveText(/^waiting (under a minute|\d+ minutes?)$/);
  if (process.env.SWITCHYARD_SCREENSHOT) await page.screenshot({ path: process.env.SWITCHYARD_SCREENSHOT });

  // One click: the other project, the thread itself.
  await alphaRow.click();
  await expect(inbox).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveText('alpha');
  await expect(page.getByTestId('thread-title')).toHaveText('Alpha asks');
  await expect(page.getByTestId('terminal-pane')).toContainText('?');

  // The palette reaches the inbox too.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('needs you');
  await page.keyboard.press('Enter');
  await expect(inbox).toBeVisible();
  await inbox.getByTestId('inbox-row').filter({ hasText: 'Beta asks' }).click();
  await expect(page.getByTestId('project-name')).toHaveText('beta');
  await expect(page.getByTestId('thread-title')).toHaveText('Beta asks');

  // The attention banner opens the waiting thread (here from the merge queue view), not just a filter.
  await page.getByTestId('merge-queue-open').click();
  await expect(page.getByTestId('thread-title')).toHaveCount(0);
  const banner = page.getByTestId('needs-input-summary');
  await expect(banner).toContainText('Beta asks is waiting for you');
  await banner.click();
  await expect(page.getByTestId('thread-title')).toHaveText('Beta asks');
  await expect(page.getByTestId('thread-filter-all')).toHaveAttribute('aria-pressed', 'true');
});

/** A demo agent that fails at once. */
async function startFailingThread(page: Page, name: string) {
  await page.getByTestId('new-thread').click();
  const form = page.getByTestId('new-thread-form');
  await form.getByTestId('thread-name-input').fill(name);
  await form.getByTestId('thread-profile-select').selectOption('demo');
  await form.getByTestId('thread-scenario-input').fill('fail');
  await form.getByTestId('thread-prompt-input').fill('docs');
  await form.getByTestId('thread-create-button').click();
  await expect(threadItem(page, name)).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
}

test("the inbox shows the exact wait from the thread's record, after a restart and in a fresh window, with the time in a tooltip", async ({
  page,
}) => {
  const dataDir = path.join(root, 'data');
  const gamma = await makeRepo('gamma');
  await page.goto(host.url);
  await openRepo(page, gamma);
  await startAskingThread(page, 'Gamma asks');
  await startFailingThread(page, 'Gamma fails');

  // Switchyard goes away (the asking agent kept in the agent host); the failure is made 12 minutes old on disk.
  await host.stop();
  const stateFile = path.join(dataDir, 'state.json');
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as {
    threads: { name: string; statusSince: string | null }[];
  };
  const failedAt = Date.now() - 12 * 60_000 - 10_000;
  const failed = state.threads.find((t) => t.name === 'Gamma fails')!;
  expect(failed.statusSince).not.toBeNull();
  failed.statusSince = new Date(failedAt).toISOString();
  await writeFile(stateFile, JSON.stringify(state));
  host = await startHostProcess(['--data-dir', dataDir]);

  // A fresh window: both threads were in their statuses before it loaded, and still their waits are exact.
  await page.goto(host.url);
  await expect(page.getByTestId('inbox-count')).toHaveText('2');
  await page.getByTestId('inbox-button').click();
  const inbox = page.getByTestId('inbox-dialog');
  const failedWait = inbox.getByTestId('inbox-row').filter({ hasText: 'Gamma fails' }).getByTestId('inbox-waited');
  await expect(failedWait).toHaveText('failed 12 minutes ago');
  const clock = await page.evaluate((at) => {
    const when = new Date(at);
    return `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
  }, failedAt);
  await expect(failedWait).toHaveAttribute('title', new RegExp(`^since (.+, )?${clock}$`));
  const askingWait = inbox.getByTestId('inbox-row').filter({ hasText: 'Gamma asks' }).getByTestId('inbox-waited');
  await expect(askingWait).toHaveText(/^waiting (under a minute|\d+ minutes?)$/);
  await expect(askingWait).toHaveAttribute('title', /^since \d\d:\d\d$/);

  // The sidebar's badge says since when in its tooltip too.
  await page.keyboard.press('Escape');
  await expect(threadItem(page, 'Gamma fails').getByTestId('thread-status')).toHaveAttribute(
    'title',
    new RegExp(` — since (.+, )?${clock}$`),
  );
});
