import { access, constants, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import * as xtermHeadless from '@xterm/headless';
import { AgentHostClient, shutDownAgentHosts } from '../electron/agent-host/agent-host-client';
import { agentHostPaths } from '../electron/agent-host/protocol';
import type { LiveAgent } from '../electron/threads/thread-runtime';
import { makeWorkspace } from './support/git';
import { type ServeProcess, startServe } from './faults/support/serve-process';
import { Wire } from './faults/support/wire';

/**
 * The real agent CLIs (not the demo agent) behind a pane restored after kill -9 of `serve`: the
 * agent host and the CLI keep running, and the page shows exactly the screen it showed before,
 * which is the agent host's headless mirror — text, colours, cursor — also after the pane is
 * resized, and keys still reach the CLI. No CLI reaches its service from a test machine; each is
 * driven to its first offline screen (sign-in menu, trust question, provider picker, input box).
 *
 * The CLIs are not installed by CI. A CLI found neither in $REAL_CLI_BIN nor on PATH is skipped:
 *   npm i -g --prefix /tmp/clis @openai/codex @google/gemini-cli @qwen-code/qwen-code opencode-ai @anthropic-ai/claude-code
 *   REAL_CLI_BIN=/tmp/clis/bin npx playwright test e2e/real-cli-restore.spec.ts
 */

interface RealCli {
  readonly binary: string;
  readonly args: string[];
  /** The first screen, offline and signed out. */
  readonly ready: RegExp;
  /** A key that changes that screen, and what the screen then shows. */
  readonly key?: { readonly press: string; readonly then: RegExp };
  /** Exits by itself (claude cannot reach its service): its final screen is what is restored. */
  readonly exits?: boolean;
}

const clis: Record<string, RealCli> = {
  codex: {
    binary: 'codex',
    args: ['--no-daemon'],
    ready: /Sign in with ChatGPT/,
    key: { press: 'ArrowDown', then: /> 2\. Sign in with Device Code/ },
  },
  gemini: {
    binary: 'gemini',
    args: [],
    ready: /Do you trust the files in this folder\?/,
    key: { press: 'ArrowDown', then: /● 2\. Trust parent folder/ },
  },
  qwen: {
    binary: 'qwen',
    args: [],
    ready: /Select Authentication Method/,
    key: { press: 'ArrowDown', then: /› Third-party Providers/ },
  },
  opencode: {
    binary: 'opencode',
    args: [],
    ready: /Ask anything/,
    key: { press: 'h', then: /┃\s+h\s/ },
  },
  claude: { binary: 'claude', args: [], ready: /Unable to connect to Anthropic services/, exits: true },
};

async function findBinary(name: string): Promise<string | null> {
  const dirs = [process.env.REAL_CLI_BIN, ...(process.env.PATH ?? '').split(path.delimiter)].filter(Boolean);
  for (const dir of dirs as string[]) {
    const file = path.join(dir, name);
    if (
      await access(file, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return null;
}

/** What the pane draws: each row's text, its styled runs (colours, bold…) and where the cursor is. */
interface PaneScreen {
  lines: string[];
  runs: string[];
  cursor: { x: number; y: number } | null;
}

/**
 * Only the first `cols` cells of a row: xterm keeps cells past the width in an alternate screen's
 * rows after a shrink and its DOM renderer writes them out, but the pane clips them (not seen).
 */
async function paneScreen(page: Page, cols: number): Promise<PaneScreen> {
  return page.evaluate((cols) => {
    const rows = [...document.querySelectorAll('[data-testid="terminal-pane"] .xterm-rows > div')];
    let cursor: { x: number; y: number } | null = null;
    const lines: string[] = [];
    const runs: string[] = [];
    rows.forEach((row, y) => {
      let x = 0;
      let text = '';
      const styled: string[] = [];
      let last = '';
      row.childNodes.forEach((node) => {
        const part = Array.from((node.textContent ?? '').replace(/\u00a0/g, ' '))
          .slice(0, Math.max(0, cols - x))
          .join('');
        if (!part) return;
        const element = node instanceof HTMLElement ? node : null;
        if (element?.classList.contains('xterm-cursor')) cursor = { x, y };
        // Letter spacing is the font's measurement, not the agent's: left out.
        const css = element ? element.style.cssText.replace(/letter-spacing:[^;]*;?\s*/g, '').trim() : '';
        const style = element
          ? [...element.classList].filter((name) => !name.startsWith('xterm-cursor')).join('.') +
            (css ? `{${css}}` : '')
          : '';
        // Runs split by the cursor's own span are one run.
        if (style === last && styled.length > 0) styled[styled.length - 1] += part;
        else styled.push(`${style}|${part}`);
        last = style;
        x += Array.from(part).length;
        text += part;
      });
      lines.push(text.trimEnd());
      while (styled.length && /^\|\s*$/.test(styled[styled.length - 1]!)) styled.pop();
      runs.push(styled.join(''));
    });
    return { lines, runs, cursor };
  }, cols);
}

/** The agent host's own view of the thread: its headless mirror's rows and size. */
async function mirrorScreen(view: AgentHostClient, threadId: string) {
  const screen = await view.request<{ lines: string[]; cols: number; rows: number } | null>('screen', { threadId });
  if (!screen) throw new Error('the agent host has no screen for the thread');
  return screen;
}

/** The snapshot a window gets on attach, drawn into a headless xterm: its rows, cursor and cursor visibility. */
async function attachedScreen(serve: ServeProcess, threadId: string, cols: number, rows: number) {
  const wire = await Wire.open(serve);
  try {
    const attached = await wire.call<{ data: string }>('terminal.attach', { threadId });
    await wire.call('terminal.detach', { threadId });
    const { Terminal } = xtermHeadless;
    const terminal = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true, logLevel: 'off' });
    await new Promise<void>((resolve) => terminal.write(attached.data, resolve));
    const buffer = terminal.buffer.active;
    const lines = [...Array(rows).keys()].map(
      (row) =>
        buffer
          .getLine(buffer.baseY + row)
          ?.translateToString(true)
          .trimEnd() ?? '',
    );
    const cursor = { x: buffer.cursorX, y: buffer.cursorY };
    const cells = [...Array(rows).keys()].map((row) => {
      const line = buffer.getLine(buffer.baseY + row);
      return [...Array(cols).keys()]
        .map((x) => {
          const cell = line?.getCell(x);
          if (!cell) return '';
          const colour = (isDefault: number | boolean, value: number) => (isDefault ? 'd' : value);
          return [
            cell.getChars() || ' ',
            colour(cell.isFgDefault(), cell.getFgColor()),
            colour(cell.isBgDefault(), cell.getBgColor()),
            cell.isBold(),
            cell.isDim(),
            cell.isItalic(),
            cell.isUnderline(),
            cell.isInverse(),
          ].join(',');
        })
        .join('|');
    });
    terminal.dispose();
    return { data: attached.data, lines, cursor, cells };
  } finally {
    wire.close();
  }
}

async function liveAgent(view: AgentHostClient, threadId: string): Promise<LiveAgent | undefined> {
  return (await view.request<{ live: LiveAgent[] }>('adopt')).live.find((agent) => agent.threadId === threadId);
}

function alive(pid: number): Promise<boolean> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (status) => !/^State:\s+Z/m.test(status),
    () => false,
  );
}

/** Waits until the mirror shows `pattern` and has not changed for a second: the CLI is idle on that screen. */
async function settledMirror(view: AgentHostClient, threadId: string, pattern: RegExp) {
  let previous = '';
  let stableSince = 0;
  await expect
    .poll(
      async () => {
        const text = (await mirrorScreen(view, threadId)).lines.join('\n');
        if (text !== previous) {
          previous = text;
          stableSince = Date.now();
        }
        return pattern.test(text) && Date.now() - stableSince > 1_000;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);
  return mirrorScreen(view, threadId);
}

/** The pane shows what the mirror holds (once the renderer has drawn it). */
async function expectPaneMatchesMirror(page: Page, view: AgentHostClient, threadId: string, what: string) {
  await expect
    .poll(
      async () => {
        const mirror = await mirrorScreen(view, threadId);
        const pane = await paneScreen(page, mirror.cols);
        return pane.lines.length === mirror.rows && JSON.stringify(pane.lines) === JSON.stringify(mirror.lines);
      },
      { message: what, timeout: 15_000 },
    )
    .toBe(true)
    .catch(async (error: unknown) => {
      await page
        .getByTestId('terminal-pane')
        .screenshot({ path: test.info().outputPath(`${what.replace(/\W+/g, '-')}.png`) })
        .catch(() => undefined);
      const mirror = await mirrorScreen(view, threadId);
      const pane = await paneScreen(page, mirror.cols);
      expect(pane.lines, `${what}: pane against the agent host's mirror`).toEqual(mirror.lines);
      throw error;
    });
}

async function record(name: string, label: string, body: unknown): Promise<void> {
  const dir = path.join(test.info().outputDir);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}-${label}.json`), JSON.stringify(body, null, 2));
}

for (const [name, cli] of Object.entries(clis)) {
  test(`${name}: after kill -9 of serve the restored pane shows the agent's screen, resized too, and keys still reach it`, async ({
    page,
    browser,
  }) => {
    const binary = await findBinary(cli.binary);
    test.skip(
      !binary,
      `${cli.binary} is not installed (neither in $REAL_CLI_BIN nor on PATH); CI does not install the real CLIs`,
    );
    test.setTimeout(240_000);
    const workspace = await makeWorkspace();
    const dataDir = path.join(workspace.root, 'data');
    // A fresh home: no sign-in, no settings of the machine's user; gemini and qwen must not update themselves.
    const home = path.join(workspace.root, 'home');
    for (const dir of ['.gemini', '.qwen']) {
      await mkdir(path.join(home, dir), { recursive: true });
      await writeFile(
        path.join(home, dir, 'settings.json'),
        JSON.stringify({ general: { enableAutoUpdate: false, disableAutoUpdate: true } }),
      );
    }
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), CI: '' };
    let serve = await startServe({ dataDir, repo: workspace.repo, env });
    let view: AgentHostClient | null = null;
    try {
      await page.goto(serve.url);
      await page.getByTestId('new-thread').click();
      await page.getByTestId('thread-name-input').fill(`Real ${name}`);
      await page.getByTestId('thread-profile-select').selectOption('custom');
      await page.getByTestId('thread-command-input').fill([binary!, ...cli.args].join('\n'));
      await page.getByTestId('thread-create-button').click();
      const pane = page.getByTestId('terminal-pane');
      await expect(pane).toHaveAttribute('data-replay', 'ready');
      const threadId = (await pane.getAttribute('data-thread-id'))!;
      const hostView = await connectAgentHost(dataDir);
      view = hostView;

      const first = await settledMirror(hostView, threadId, cli.ready);
      await expectPaneMatchesMirror(page, hostView, threadId, 'the first screen, live');
      const agent = await liveAgent(hostView, threadId);
      const agentHostPid = hostView.hostPid;
      const cliPid = agent?.pid ?? null;
      if (!cli.exits) expect(cliPid, 'the CLI runs in the agent host').not.toBeNull();

      // A smaller window: the pane refits, the CLI redraws for the new size.
      await page.setViewportSize({ width: 1000, height: 640 });
      await expect.poll(async () => (await mirrorScreen(hostView, threadId)).rows).toBeLessThan(first.rows);
      const resized = await settledMirror(hostView, threadId, cli.exits ? /[\s\S]/ : cli.ready);
      await expectPaneMatchesMirror(page, hostView, threadId, 'after the resize, live');
      // Shrunk by two rows and grown back at once, as the start banner does to the pane after a restart:
      // the live pane should still be the agent's screen (no restart involved).
      await page.setViewportSize({ width: 1000, height: 600 });
      await page.waitForTimeout(150);
      await page.setViewportSize({ width: 1000, height: 640 });
      await expect.poll(async () => (await mirrorScreen(hostView, threadId)).rows).toBe(resized.rows);
      const settled = await settledMirror(hostView, threadId, cli.exits ? /[\s\S]/ : cli.ready);
      const bannerLike = { pane: await paneScreen(page, settled.cols), mirror: settled };
      await record(name, 'quick-resize', bannerLike);
      expect
        .soft(bannerLike.pane.lines, 'a quick shrink and grow, live: pane against the mirror')
        .toEqual(bannerLike.mirror.lines);

      const before = await paneScreen(page, settled.cols);
      const attachedBefore = await attachedScreen(serve, threadId, settled.cols, settled.rows);
      await record(name, 'before', { mirror: settled, pane: before, attached: attachedBefore });

      // No window while serve is down and comes back: nothing resizes the agent meanwhile.
      const viewport = page.viewportSize()!;
      await page.close();
      await serve.crash();
      expect(await alive(agentHostPid), 'the agent host outlives serve').toBe(true);
      if (cliPid) expect(await alive(cliPid), `${name} outlives serve`).toBe(true);
      serve = await startServe({ dataDir, repo: workspace.repo, env });
      if (cliPid) expect((await liveAgent(hostView, threadId))?.pid, 'the same CLI process, adopted').toBe(cliPid);

      // What a window gets on attach now is what it got before the kill: every cell, its colours, the cursor.
      const after = await mirrorScreen(hostView, threadId);
      expect({ cols: after.cols, rows: after.rows }).toEqual({ cols: settled.cols, rows: settled.rows });
      expect(after.lines, 'the mirror is the screen it was').toEqual(settled.lines);
      const attachedAfter = await attachedScreen(serve, threadId, after.cols, after.rows);
      await record(name, 'after', { mirror: after, attached: attachedAfter });
      expect(attachedAfter.lines, 'the snapshot after the restart: text').toEqual(attachedBefore.lines);
      expect(attachedAfter.cells, 'the snapshot after the restart: colours and attributes').toEqual(
        attachedBefore.cells,
      );
      expect(attachedAfter.cursor, 'the snapshot after the restart: cursor').toEqual(attachedBefore.cursor);
      expect(attachedAfter.lines, 'the snapshot draws the mirror').toEqual(after.lines);
      if (before.cursor)
        expect(attachedAfter.cursor, 'the snapshot puts the cursor where the pane had it').toEqual(before.cursor);

      // A page opened now shows the agent's screen; the start banner's room makes the CLI redraw twice.
      const fresh = await browser.newPage({ viewport });
      await fresh.goto(serve.url);
      await fresh
        .getByTestId('thread-item')
        .filter({ hasText: `Real ${name}` })
        .click();
      await expect(fresh.getByTestId('terminal-pane')).toHaveAttribute('data-replay', 'ready');
      await dismissStartBanner(fresh, !cli.exits);
      await expect.poll(async () => (await mirrorScreen(hostView, threadId)).rows).toBe(settled.rows);
      const redrawn = await settledMirror(hostView, threadId, cli.exits ? /[\s\S]/ : cli.ready);
      await expectPaneMatchesMirror(fresh, hostView, threadId, 'a page opened after the restart');
      const reopened = await paneScreen(fresh, redrawn.cols);
      await record(name, 'reopened', { mirror: redrawn, pane: reopened });
      expect(reopened.cursor === null, 'the cursor shown or hidden as before the kill').toBe(before.cursor === null);
      // Where the CLI redrew the same screen, the pane is the one from before the kill, colours and cursor too.
      if (JSON.stringify(redrawn.lines) === JSON.stringify(settled.lines)) {
        expect(reopened.lines).toEqual(before.lines);
        expect(reopened.runs, 'colours and attributes').toEqual(before.runs);
        expect(reopened.cursor, 'cursor').toEqual(before.cursor);
      }

      // Resized again after the restart: the CLI redraws and the pane still matches.
      await fresh.setViewportSize({ width: 1400, height: 900 });
      await expect.poll(async () => (await mirrorScreen(hostView, threadId)).rows).toBeGreaterThan(after.rows);
      await settledMirror(hostView, threadId, cli.exits ? /[\s\S]/ : cli.ready);
      await expectPaneMatchesMirror(fresh, hostView, threadId, 'resized after the restart');

      if (cli.key) {
        await fresh.getByTestId('terminal-pane').click();
        await fresh.keyboard.press(cli.key.press);
        await settledMirror(hostView, threadId, cli.key.then);
        await expectPaneMatchesMirror(fresh, hostView, threadId, `after ${cli.key.press}, typed after the restart`);
        if (cliPid) expect((await liveAgent(hostView, threadId))?.pid).toBe(cliPid);
      }
    } finally {
      view?.close();
      await shutDownAgentHosts(dataDir).catch(() => undefined);
      await serve.crash();
      await rm(workspace.root, { recursive: true, force: true });
    }
  });
}

/** "Still running, reattached" takes room above the pane; without it the pane has its size from before. */
async function dismissStartBanner(page: Page, reattached: boolean): Promise<void> {
  // An agent that had exited before the kill is not reattached: no banner.
  if (!reattached) return;
  await expect(page.getByTestId('start-banner-reattached')).toBeVisible();
  await page.getByTestId('start-banner-dismiss').click();
  await expect(page.getByTestId('start-banner')).toHaveCount(0);
}

/** The test's own client of the agent host (the one serve started for the data folder). */
async function connectAgentHost(dataDir: string): Promise<AgentHostClient> {
  const quiet = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };
  let client: AgentHostClient | null = null;
  await expect
    .poll(async () => (client = await AgentHostClient.connect(agentHostPaths(dataDir), quiet).catch(() => null)), {
      timeout: 20_000,
    })
    .not.toBeNull();
  return client!;
}
