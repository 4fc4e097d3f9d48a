import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let root: string;
/** Where the stand-in `code` writes the arguments it was started with. */
let recorded: string;

test.beforeEach(async () => {
  ({ root } = await makeWorkspace());
  const repo = path.join(root, 'shop');
  const bin = path.join(root, 'bin');
  recorded = path.join(root, 'code.argv');
  await mkdir(bin);
  await writeFile(
    path.join(bin, 'code'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${recorded}.tmp' && mv '${recorded}.tmp' '${recorded}'\n`,
  );
  await chmod(path.join(bin, 'code'), 0o755);
  // The host finds `code` on its PATH, as it would find VS Code's; the shell is plain sh.
  const saved = { PATH: process.env.PATH, SHELL: process.env.SHELL };
  process.env.PATH = [bin, saved.PATH].join(path.delimiter);
  process.env.SHELL = '/bin/sh';
  try {
    host = await startHostProcess(['--data-dir', path.join(root, 'data'), '--repo', repo]);
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.SHELL === undefined) delete process.env.SHELL;
    else process.env.SHELL = saved.SHELL;
  }
});

test.afterEach(async () => {
  await host.stop();
  await rm(root, { recursive: true, force: true });
});

test('a plain terminal in the worktree beside the agent, and Open in editor', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill('Shell probe');
  await page.getByTestId('thread-profile-select').selectOption('custom');
  await page.getByTestId('thread-command-input').fill('/bin/sh\n-c\necho agent-says-hi; sleep 60');
  await page.getByTestId('thread-create-button').click();
  await expect(page.getByTestId('terminal-pane')).toContainText('agent-says-hi');
  const worktree = path.join(`${path.join(root, 'shop')}.worktrees`, 'switchyard-shell-probe');

  // No shell until the tab is opened.
  await expect(page.getByTestId('shell-pane')).toHaveCount(0);
  await page.getByTestId('tab-shell').click();
  const shell = page.getByTestId('shell-pane');
  await expect(shell).toBeVisible();
  await expect(shell).toHaveAttribute('data-replay', 'ready');
  await expect(page.getByTestId('terminal-pane')).toBeHidden();
  await page.keyboard.type('pwd');
  await page.keyboard.press('Enter');
  await expect(shell).toContainText(worktree);
  // The agent's terminal is untouched by it, and the thread is still the agent's.
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('terminal-pane')).toBeVisible();
  await expect(page.getByTestId('terminal-pane')).not.toContainText('pwd');
  await expect(page.getByTestId('thread-header-status')).not.toHaveText(/stopped|done|failed/i);

  // Back to the shell: the same one, its screen restored.
  await page.getByTestId('tab-shell').click();
  await expect(shell).toContainText(worktree);

  await page.getByTestId('thread-open-editor').click();
  await expect
    .poll(() => readFile(recorded, 'utf8').catch(() => ''), { message: 'the stand-in code to be started' })
    .toBe(`${worktree}\n`);
});
