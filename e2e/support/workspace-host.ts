import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Page, test } from '@playwright/test';
import { makeWorkspace } from './git';
import { type HostProcess, startHostProcess } from './host-process';

export interface WorkspaceHost {
  readonly host: HostProcess;
  readonly root: string;
  readonly repo: string;
}

/**
 * Gives each test of the file a fresh repository and its own `switchyard serve` (data folder
 * inside the workspace), stopped and deleted afterwards. `openRepo` starts it with the repo open.
 */
export function useWorkspaceHost(options: { openRepo: boolean }): () => WorkspaceHost {
  let current: WorkspaceHost | null = null;
  test.beforeEach(async () => {
    const { root, repo } = await makeWorkspace();
    const args = ['--data-dir', path.join(root, 'data'), ...(options.openRepo ? ['--repo', repo] : [])];
    current = { host: await startHostProcess(args), root, repo };
  });
  test.afterEach(async () => {
    if (!current) return;
    await current.host.stop();
    await rm(current.root, { recursive: true, force: true });
    current = null;
  });
  return () => {
    if (!current) throw new Error('useWorkspaceHost: used outside a test');
    return current;
  };
}

/** The sidebar row of the thread with this name (matched on its name: a queued row's reason names other threads). */
export function threadItem(page: Page, name: string) {
  return page.getByTestId('thread-item').filter({ has: page.locator('.thread-name', { hasText: name }) });
}
