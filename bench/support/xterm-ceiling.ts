import { readFile } from 'node:fs/promises';
import { flowControl } from '../../shared/flow-control';
import type { DashboardPage } from './dashboard-page';

/**
 * How fast xterm.js alone parses and draws 80-column lines in this browser: a second xterm of the
 * pane's font and size laid over the pane in the same page, fed from inside the page with the
 * same flow-control window and batch size the pipeline uses, no transport at all. The pipeline
 * cannot beat this; what it loses against it is the pipeline's own cost.
 */
export async function measureXtermCeiling(
  page: DashboardPage,
  chars: number,
): Promise<{ chars: number; ms: number; cols: number; rows: number }> {
  // The UMD build puts `Terminal` on the page's global object; DevTools evaluation is exempt from the page's CSP.
  for (const file of ['@xterm/xterm/lib/xterm.js', '@xterm/addon-fit/lib/addon-fit.js']) {
    await page.evaluate(`${await readFile(require.resolve(file), 'utf8')}\n;void 0`);
  }
  return page.evaluate(`(async () => {
    const pane = document.querySelector('[data-testid="terminal-pane"] .xterm');
    const rows = pane.querySelector('.xterm-rows');
    const rect = pane.getBoundingClientRect();
    const host = document.createElement('div');
    Object.assign(host.style, { position: 'fixed', left: rect.left + 'px', top: rect.top + 'px',
      width: rect.width + 'px', height: rect.height + 'px', zIndex: '9999' });
    document.body.appendChild(host);
    const style = getComputedStyle(rows);
    const term = new Terminal({ fontFamily: style.fontFamily, fontSize: 13, lineHeight: 1.15,
      scrollback: 10000, cursorBlink: false });
    term.open(host);
    const fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    fit.fit();
    const line = 'x'.repeat(79) + '\\r\\n';
    const chunk = line.repeat(Math.floor(${flowControl.maxBatchChars} / line.length));
    const total = ${chars};
    let sent = 0, inFlight = 0;
    const started = performance.now();
    await new Promise((resolve) => {
      const pump = () => {
        while (inFlight < ${flowControl.highWatermark} && sent < total) {
          sent += chunk.length;
          inFlight += chunk.length;
          term.write(chunk, () => {
            inFlight -= chunk.length;
            if (sent >= total && inFlight === 0) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    const ms = performance.now() - started;
    const size = { cols: term.cols, rows: term.rows };
    term.dispose();
    host.remove();
    return { chars: sent, ms, ...size };
  })()`);
}
