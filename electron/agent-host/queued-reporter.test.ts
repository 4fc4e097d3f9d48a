import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalViewer } from '../terminals/terminal-viewer';
import { QueuedReporter } from './queued-reporter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `condition` (timers are late on a loaded machine), for at most two seconds. */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition() && Date.now() < deadline) await sleep(5);
}

/** A window whose connection holds what the test says, counting how often it is asked. */
class Window implements TerminalViewer {
  queued = 0;
  looks = 0;
  constructor(readonly id: string) {}
  send(): void {}
  queuedBytes(): number {
    this.looks++;
    return this.queued;
  }
}

describe('reporting what windows still hold', () => {
  let reporter: QueuedReporter | null = null;
  afterEach(() => reporter?.stop());

  const start = () => {
    const reports: Array<[string, number]> = [];
    reporter = new QueuedReporter((link, bytes) => reports.push([link, bytes]), 5);
    return { reporter, reports };
  };

  it('looks at nothing while no output is handed to a window (an idle app has no timer)', async () => {
    const { reporter, reports } = start();
    const window = new Window('w1');
    reporter.add(window);
    await sleep(100);
    expect(window.looks).toBe(0);
    expect(reports).toEqual([]);
  });

  it('after output, reports the connection until it has drained, then stops looking', async () => {
    const { reporter, reports } = start();
    const window = new Window('w1');
    reporter.add(window);
    window.queued = 70_000;
    reporter.sent('w1');
    await eventually(() => reports.length === 1);
    expect(reports).toEqual([['w1', 70_000]]);
    window.queued = 0;
    await eventually(() => reports.length === 2);
    expect(reports).toEqual([
      ['w1', 70_000],
      ['w1', 0],
    ]);
    const looks = window.looks;
    await sleep(100);
    expect(window.looks).toBe(looks);
  });

  it('keeps looking while any window still holds bytes, and again at the next output', async () => {
    const { reporter, reports } = start();
    const [one, two] = [new Window('w1'), new Window('w2')];
    reporter.add(one);
    reporter.add(two);
    one.queued = 10;
    two.queued = 20;
    reporter.sent('w1');
    reporter.sent('w2');
    await eventually(() => reports.length === 2);
    one.queued = 0;
    await eventually(() => reports.length === 3);
    await sleep(30);
    // w2 has not drained: still watched.
    const looks = two.looks;
    await sleep(30);
    expect(two.looks).toBeGreaterThan(looks);
    two.queued = 0;
    await eventually(() => reports.length === 4);
    expect(reports.slice(2)).toEqual([
      ['w1', 0],
      ['w2', 0],
    ]);
    await sleep(20);
    const idleLooks = one.looks;
    await sleep(60);
    expect(one.looks).toBe(idleLooks);
    one.queued = 5;
    reporter.sent('w1');
    await eventually(() => reports.length === 5);
    expect(reports.at(-1)).toEqual(['w1', 5]);
  });

  it('never looks at a window whose sending never queues here (Electron IPC), nor one that left', async () => {
    const { reporter, reports } = start();
    const ipc: TerminalViewer = { id: 'ipc', send: () => undefined };
    reporter.add(ipc);
    reporter.sent('ipc');
    const gone = new Window('gone');
    reporter.add(gone);
    reporter.remove('gone');
    reporter.sent('gone');
    await sleep(60);
    expect(gone.looks).toBe(0);
    expect(reports).toEqual([]);
  });
});
