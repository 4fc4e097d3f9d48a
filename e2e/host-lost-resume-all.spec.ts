import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { startHostProcess } from './support/host-process';

/** A thread running the demo agent (named explicitly: a real `claude` may be installed here). */
async function createDemoThread(page: Page, name: string, scenario: string): Promise<void> {
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill(name);
  await page.getByTestId('thread-profile-select').selectOption('demo');
  await page.getByTestId('thread-scenario-input').fill(scenario);
  await page.getByTestId('thread-prompt-input').fill(`Work on ${name}`);
  await page.getByTestId('thread-create-button').click();
}

const item = (page: Page, name: string) => page.getByTestId('thread-item').filter({ hasText: name });

async function agentHostPid(dataDir: string): Promise<number> {
  const root = path.join(dataDir, 'agent-host');
  const [version] = (await readdir(root)).filter((name) => /^v\d+$/.test(name));
  return Number((await readFile(path.join(root, version!, 'pid'), 'utf8')).trim());
}

test('when the agent host is killed under running agents, one banner names them all and Resume all brings them back', async ({
  page,
}) => {
  const workspace = await makeWorkspace();
  const dataDir = path.join(workspace.root, 'data');
  const host = await startHostProcess(['--data-dir', dataDir, '--repo', workspace.repo]);
  try {
    await page.goto(host.url);
    await createDemoThread(page, 'Asks first', 'feature');
    await createDemoThread(page, 'Asks twice', 'ask-twice');
    await createDemoThread(page, 'Echoes', 'echo');
    await expect(item(page, 'Asks first')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
    await expect(item(page, 'Asks twice')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
    await expect(item(page, 'Echoes')).not.toHaveAttribute('data-status', 'starting');
    await expect(page.getByTestId('host-lost-banner')).toHaveCount(0);

    process.kill(await agentHostPid(dataDir), 'SIGKILL');

    const banner = page.getByTestId('host-lost-banner');
    await expect(banner).toContainText('The agent host stopped unexpectedly', { timeout: 20_000 });
    await expect(banner).toContainText('3 agents ended');
    for (const name of ['Asks first', 'Asks twice', 'Echoes']) await expect(banner).toContainText(name);
    await expect(item(page, 'Asks first')).toContainText('agent host stopped unexpectedly');

    await banner.getByTestId('host-lost-banner-resume-all').click();
    await expect(banner).toHaveCount(0);
    await expect(item(page, 'Asks first')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
    await expect(item(page, 'Asks twice')).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
    await expect(item(page, 'Echoes')).toHaveAttribute('data-status', /working|idle/, { timeout: 30_000 });
  } finally {
    await host.stop();
    await rm(workspace.root, { recursive: true, force: true });
  }
});
