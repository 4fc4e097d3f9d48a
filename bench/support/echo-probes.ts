import type { DashboardPage } from './dashboard-page';
import { sleep } from './lifecycle';
import type { WireClient } from './wire-client';

/**
 * Keys typed in turn; each differs from the one before, so its echo is recognisable. The page
 * probe reads the screen, which still shows the wire probe's last key: it types other keys.
 */
const wireKeys = 'abcdefghijklmnopqrstuvwxyz';
const pageKeys = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const timeoutMs = 10_000;

/**
 * The echo program of the probed thread: raw mode, and every key redrawn on its line as
 * `key:<k>`, as a TUI agent redraws its input box. A Node program, as most agent CLIs are.
 */
export const echoProgram = [
  'process.stdin.setRawMode(true);',
  "process.stdin.on('data', (d) => process.stdout.write('\\r\\x1b[2Kkey:' + d));",
  "process.stdout.write('echo ready\\r\\n');",
].join(' ');

/** Pause between samples: spaced out and jittered, so samples do not fall into step with the 16 ms batching. */
function spacing(): Promise<void> {
  return sleep(80 + Math.random() * 40);
}

/** Keystroke → `terminal.input` over the WebSocket → the echo back as `terminal.data`, in ms. */
export async function probeOverWire(client: WireClient, threadId: string, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const key = wireKeys[i % wireKeys.length] ?? 'a';
    let off = () => {};
    let timer: NodeJS.Timeout | undefined;
    const echoed = new Promise<number>((resolve) => {
      off = client.onData((id, data) => {
        if (id === threadId && data.includes(`key:${key}`)) resolve(performance.now());
      });
      timer = setTimeout(() => resolve(Number.NaN), timeoutMs);
    });
    const typed = performance.now();
    void client.call('terminal.input', { threadId, data: key });
    latencies.push((await echoed) - typed);
    off();
    clearTimeout(timer);
    await spacing();
  }
  return latencies;
}

/** Installed in the page: times from the key's keydown to the echo appearing in xterm's rows. */
const pageProbe = `window.__echoProbe ??= (() => {
  const probe = { typedAt: 0, result: null };
  document.addEventListener('keydown', () => { probe.typedAt = performance.now(); }, true);
  probe.arm = (text) => {
    const rows = document.querySelector('[data-testid="terminal-pane"]:not([hidden]) .xterm-rows');
    probe.result = new Promise((resolve) => {
      const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, ${timeoutMs});
      const observer = new MutationObserver(() => {
        if (!rows.textContent.includes(text)) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now() - probe.typedAt);
      });
      observer.observe(rows, { childList: true, subtree: true, characterData: true });
    });
    return true;
  };
  return probe;
})(), true`;

/**
 * A real key press in the dashboard (focused on the probed thread's pane) → xterm's DOM shows the
 * echo, in ms: the whole round trip a person sees, except the final paint.
 */
export async function probeInBrowser(page: DashboardPage, samples: number): Promise<number[]> {
  await page.evaluate(pageProbe);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const key = pageKeys[i % pageKeys.length] ?? 'A';
    await page.evaluate(`window.__echoProbe.arm('key:${key}')`);
    await page.pressKey(key);
    latencies.push((await page.evaluate<number | null>('window.__echoProbe.result')) ?? Number.NaN);
    await spacing();
  }
  return latencies;
}
