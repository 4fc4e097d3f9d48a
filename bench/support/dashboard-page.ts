import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumExecutable } from '../../e2e/support/chromium';
import playwrightConfig from '../../playwright.config';
import { CdpPipe } from './cdp-pipe';
import { onCleanup, waitUntil } from './lifecycle';
import { cpuSeconds, descendants } from './proc-stats';

const viewport = { width: 1400, height: 900 };

/**
 * The dashboard (the app's own page) in Debian's Chromium, with the end-to-end tests' flags.
 *
 * Why not Playwright itself: Playwright enables DevTools' Network domain on every page, so every
 * WebSocket frame — all the terminal output — is copied to the Playwright process as a DevTools
 * event. On 2 cores that took a large share of the CPU the pipeline was being measured with.
 * Here the page is driven with a handful of DevTools commands and nothing streams back.
 */
export class DashboardPage {
  private constructor(
    private readonly chromium: ChildProcess,
    private readonly cdp: CdpPipe,
    private readonly sessionId: string,
  ) {}

  static async open(url: string): Promise<DashboardPage> {
    const executable = chromiumExecutable();
    if (!executable) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
    const profile = await mkdtemp(path.join(tmpdir(), 'switchyard-bench-chromium-'));
    const chromium = spawn(
      executable,
      [
        ...(playwrightConfig.use?.launchOptions?.args ?? []),
        '--headless',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        `--window-size=${viewport.width},${viewport.height}`,
        // The page stands for the tab a person is looking at: never throttled as a background tab.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
        '--hide-scrollbars',
        '--mute-audio',
        '--no-default-browser-check',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    onCleanup(async () => {
      if (chromium.exitCode === null && chromium.signalCode === null) {
        const exited = new Promise((resolve) => chromium.once('exit', resolve));
        chromium.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    });
    const cdp = new CdpPipe(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const page = new DashboardPage(chromium, cdp, sessionId);
    // A headless window never has the OS focus; this makes the page behave as the focused one.
    await page.command('Emulation.setFocusEmulationEnabled', { enabled: true });
    await page.command('Performance.enable');
    await page.command('Page.navigate', { url });
    await page.waitFor('document.querySelector(\'[data-testid="new-thread"]\') !== null', 'the dashboard to load');
    return page;
  }

  /** The next DevTools event called `method` from this page's session. */
  event<T>(method: string): Promise<T> {
    return this.cdp.once<T>(method);
  }

  command<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    return this.cdp.send<T>(method, params, this.sessionId);
  }

  /** Evaluates an expression in the page (awaiting a promise it returns) and gives back its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.command<{
      result: { value?: unknown };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  }

  waitFor(expression: string, what: string, timeoutMs = 30_000): Promise<unknown> {
    return waitUntil(() => this.evaluate<boolean>(expression), what, timeoutMs);
  }

  /** Selects a thread in the sidebar and waits until its pane has replayed and gone live. */
  async selectThread(threadId: string): Promise<void> {
    const item = `[data-testid="thread-item"][data-thread-id="${threadId}"]`;
    await this.waitFor(`document.querySelector('${item}') !== null`, 'the thread in the sidebar');
    await this.evaluate(`document.querySelector('${item}').click()`);
    const pane = `[data-testid="terminal-pane"][data-thread-id="${threadId}"][data-replay="ready"]`;
    await this.waitFor(`document.querySelector('${pane}') !== null`, 'the terminal pane to go live');
  }

  /**
   * Waits until the page has drawn frames on time for a quarter of a second (at most `maxMs`):
   * what a measurement starts from, so it does not time the tail of the previous action.
   */
  async settle(maxMs = 5000): Promise<void> {
    await this.evaluate(`new Promise((resolve) => {
      const started = performance.now();
      let last = started;
      let onTime = 0;
      const next = (now) => {
        onTime = now - last < 25 ? onTime + 1 : 0;
        last = now;
        if (onTime >= 15 || now - started > ${maxMs}) resolve(null);
        else requestAnimationFrame(next);
      };
      requestAnimationFrame(next);
    })`);
  }

  /** A real key press (keydown, keypress, keyup) as the keyboard would deliver it. */
  async pressKey(char: string): Promise<void> {
    await this.command('Input.dispatchKeyEvent', { type: 'keyDown', key: char, text: char, unmodifiedText: char });
    await this.command('Input.dispatchKeyEvent', { type: 'keyUp', key: char });
  }

  /** Live JS heap of the page after a full collection, in bytes. */
  async jsHeapUsedBytes(): Promise<number> {
    await this.command('HeapProfiler.collectGarbage');
    const { metrics } = await this.command<{ metrics: Array<{ name: string; value: number }> }>(
      'Performance.getMetrics',
    );
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  }

  /** The renderer process of the dashboard: of Chromium's content renderers, the one that has worked most. */
  async rendererPid(): Promise<number> {
    const browserPid = this.chromium.pid;
    if (browserPid === undefined) throw new Error('Chromium has no pid');
    const renderers = (await descendants(browserPid)).filter(
      // New headless mode keeps a renderer of its own for browser UI (top-chrome WebUI).
      (p) => p.cmdline.includes('--type=renderer') && !p.cmdline.includes('--top-chrome-webui'),
    );
    let busiest: { pid: number; cpu: number } | null = null;
    for (const { pid } of renderers) {
      const cpu = await cpuSeconds(pid).catch(() => -1);
      if (!busiest || cpu > busiest.cpu) busiest = { pid, cpu };
    }
    if (!busiest) throw new Error('no Chromium renderer process found');
    return busiest.pid;
  }
}
