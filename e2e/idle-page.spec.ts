import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { makeWorkspace } from './support/git';
import { type HostProcess, startHostProcess } from './support/host-process';

let host: HostProcess;
let root: string;

test.beforeEach(async () => {
  ({ root } = await makeWorkspace());
  host = await startHostProcess(['--data-dir', path.join(root, 'data'), '--repo', path.join(root, 'shop')]);
});

test.afterEach(async () => {
  await host.stop();
  await rm(root, { recursive: true, force: true });
});

async function createThread(page: Page, name: string, script: string): Promise<void> {
  await page.getByTestId('new-thread').click();
  await page.getByTestId('thread-name-input').fill(name);
  await page.getByTestId('thread-profile-select').selectOption('custom');
  await page.getByTestId('thread-command-input').fill(`/bin/sh\n-c\n${script}`);
  await page.getByTestId('thread-create-button').click();
}

/** Frames the page's compositor drew over `ms` of doing nothing (one per DrawFrame in a timeline trace). */
async function framesDrawnDuring(page: Page, ms: number): Promise<number> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame'],
  });
  await page.waitForTimeout(ms);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: Array<{ name: string; ph: string }>;
  };
  return trace.traceEvents.filter((event) => event.name === 'DrawFrame' && event.ph !== 'M').length;
}

test('a dashboard where nothing happens draws nothing: no blinking caret in the terminal, no endless pulse on a waiting thread', async ({
  page,
}) => {
  await page.goto(host.url);
  // A thread waiting for an answer (the pulsing badge) and one idle at a prompt, shown with the keyboard in its terminal.
  await createThread(page, 'Asks', "printf 'Continue? (y/n) '; read answer");
  await createThread(page, 'Waits', 'echo waits-ready; read answer');
  const items = page.getByTestId('thread-item');
  await expect(items.filter({ hasText: 'Asks' })).toHaveAttribute('data-status', 'needs-input', { timeout: 30_000 });
  await expect(items.filter({ hasText: 'Waits' })).toHaveAttribute('data-status', 'idle', { timeout: 30_000 });
  await items.filter({ hasText: 'Waits' }).click();
  const pane = page.getByTestId('terminal-pane');
  await expect(pane).toContainText('waits-ready');
  await pane.click();
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();

  // The waiting badge pulses when the thread starts waiting, a few times, then rests.
  await page.waitForTimeout(6_000);
  // Before: the caret of the terminal's hidden input blinked (2 frames a second) and the dot pulsed at 60.
  expect(await framesDrawnDuring(page, 3_000)).toBeLessThanOrEqual(1);
});
