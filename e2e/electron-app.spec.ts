import { rm } from 'node:fs/promises';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { detectElectronRuntime } from '../electron/cli/electron-runtime';
import { git, makeWorkspace } from './support/git';

const projectRoot = path.resolve(__dirname, '..');

// The same loop in the real desktop window. It needs the Electron runtime, which is fetched from
// outside the npm registry; where it is missing the spec is skipped and says why.
test('the desktop app opens a repository, runs a demo thread and merges it', async () => {
  const runtime = await detectElectronRuntime(projectRoot);
  if (!runtime.available)
    console.log(`Skipping the Electron e2e: the Electron runtime is not installed (${runtime.reason}).`);
  test.skip(!runtime.available, `Electron runtime not installed: ${runtime.available ? '' : runtime.reason}`);
  if (!runtime.available) return;

  const workspace = await makeWorkspace();
  const app = await electron.launch({
    executablePath: runtime.executable,
    args: [projectRoot, '--repo', workspace.repo, `--user-data-dir=${path.join(workspace.root, 'data')}`],
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('thread-list')).toBeVisible();
    const isolated = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);

    await page.getByTestId('new-thread').click();
    await page.getByTestId('thread-name-input').fill('Desktop thread');
    await page.getByTestId('thread-profile-select').selectOption('demo');
    await page.getByTestId('thread-scenario-input').fill('quick');
    await page.getByTestId('thread-create-button').click();
    const item = page.getByTestId('thread-item').filter({ hasText: 'Desktop thread' });
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await page.getByTestId('thread-merge').click();
    const confirm = page.getByRole('button', { name: /^merge$/i });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(page.getByTestId('merge-result')).toBeVisible();
    expect(await git(workspace.repo, 'log', '--format=%s', '-1')).toContain("Merge branch 'switchyard/desktop-thread'");
  } finally {
    await app.close();
    await rm(workspace.root, { recursive: true, force: true });
  }
});
