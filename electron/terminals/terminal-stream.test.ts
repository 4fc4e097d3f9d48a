import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalViewer } from './terminal-viewer';
import { PtyProcess } from './pty-process';
import { type StreamLog, TerminalStream } from './terminal-stream';

afterEach(() => vi.useRealTimers());

function viewer(id: string) {
  const chunks: Array<{ start: number; data: string }> = [];
  const link: TerminalViewer = {
    id,
    send: (_event, payload) => chunks.push(payload as { start: number; data: string }),
  };
  return { link, chunks, text: () => chunks.map((c) => c.data).join('') };
}

function producer() {
  const calls: string[] = [];
  return { calls, target: { pause: () => calls.push('pause'), resume: () => calls.push('resume') } };
}

describe('TerminalStream', () => {
  it('sends output only to attached viewers, each chunk with its stream offset', () => {
    const stream = new TerminalStream('t1', null);
    stream.push('before ');
    const a = viewer('a');
    expect(stream.attach(a.link)).toBe(7);
    stream.push('after');
    stream.flush();
    expect(a.chunks).toEqual([{ threadId: 't1', start: 7, data: 'after' }]);
    stream.detach('a');
    stream.push('!');
    stream.flush();
    expect(a.chunks).toHaveLength(1);
  });

  it('pauses the producer above the high watermark and resumes at the low one', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    const a = viewer('a');
    stream.attach(a.link);
    stream.push('x'.repeat(80));
    stream.flush();
    expect(calls).toEqual([]);
    stream.push('x'.repeat(30));
    stream.flush();
    expect(calls).toEqual(['pause']);
    expect(stream.isPaused).toBe(true);
    stream.ack('a', 50); // 60 behind: still above low
    expect(calls).toEqual(['pause']);
    stream.ack('a', 50); // 10 behind
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('waits for the slowest viewer, and a viewer that leaves no longer holds it back', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.attach(viewer('fast').link);
    stream.attach(viewer('slow').link);
    stream.push('y'.repeat(150));
    stream.flush();
    stream.ack('fast', 150);
    expect(calls).toEqual(['pause']);
    stream.detach('slow');
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('does not hold a burst nobody watches (the mirror and the log absorb it)', () => {
    const drawn: string[] = [];
    const stream = new TerminalStream(
      't1',
      null,
      { highWatermark: 10, lowWatermark: 1 },
      { write: (d) => drawn.push(d) },
    );
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.push('z'.repeat(1000));
    stream.flush();
    expect(calls).toEqual([]);
    expect(drawn.join('')).toBe('z'.repeat(1000));
    expect(stream.attach(viewer('late').link)).toBe(1000);
  });

  it('continues offsets after output restored from the log, which is drawn but not sent again', () => {
    const drawn: string[] = [];
    const stream = new TerminalStream('t1', null, {}, { write: (d) => drawn.push(d) });
    stream.restore('earlier run\r\n');
    const a = viewer('a');
    expect(stream.attach(a.link)).toBe(13);
    stream.push('now');
    stream.flush();
    expect(drawn.join('')).toBe('earlier run\r\nnow');
    expect(a.chunks).toEqual([{ threadId: 't1', start: 13, data: 'now' }]);
  });

  it('sends the first output at once and batches what follows within 16 ms into one message', () => {
    vi.useFakeTimers();
    const stream = new TerminalStream('t1', null);
    const a = viewer('a');
    stream.attach(a.link);
    stream.push('>');
    expect(a.chunks).toHaveLength(1);
    stream.push('a');
    stream.push('b');
    expect(a.chunks).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(a.text()).toBe('>ab');
    expect(a.chunks).toHaveLength(2);
  });
});

/** A real program flooding a real pty, its output going into `stream`. */
function flood(stream: TerminalStream): PtyProcess {
  const child = new PtyProcess(
    {
      file: 'yes',
      args: ['y'.repeat(79)],
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      cols: 80,
      rows: 24,
    },
    { onData: (data) => stream.push(data), onExit: () => undefined },
  );
  stream.setProducer(child);
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TerminalStream acknowledgements', () => {
  // A window that stops reading but keeps acknowledging made the host resume the agent at every
  // ack and hold all its output for the window: 17 MB/s of host memory.
  it('a window that acknowledges output it never reads cannot make the host hold more', async () => {
    const stream = new TerminalStream('t1', null);
    // The window's connection: everything sent waits in the host, as in a WebSocket nobody reads.
    let heldBytes = 0;
    const link: TerminalViewer = {
      id: 'liar',
      send: (_event, payload) => {
        heldBytes += JSON.stringify(payload).length;
      },
      queuedBytes: () => heldBytes,
    };
    stream.attach(link);
    const child = flood(stream);
    const acking = setInterval(() => {
      stream.ack('liar', 100_000_000);
      stream.ack('liar', 32_000);
    }, 2);
    try {
      await sleep(1500);
      // One high watermark, plus what was already on its way when the producer paused.
      expect(heldBytes).toBeLessThan(1_000_000);
      expect(stream.isPaused).toBe(true);
    } finally {
      clearInterval(acking);
      await child.stop();
      stream.setProducer(null);
    }
  }, 15_000);

  it('ignores acknowledgements that are not a positive whole number of characters', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.attach(viewer('a').link);
    stream.push('x'.repeat(90));
    stream.flush();
    for (const bogus of [Number.NaN, -50, Number.POSITIVE_INFINITY, 0.5]) stream.ack('a', bogus);
    stream.push('x'.repeat(20));
    stream.flush();
    expect(calls).toEqual(['pause']);
    stream.ack('a', -1_000);
    stream.ack('a', Number.NaN);
    expect(calls).toEqual(['pause']);
  });

  it('never banks an acknowledgement beyond what was sent as credit for output to come', () => {
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.attach(viewer('a').link);
    stream.push('x'.repeat(50));
    stream.flush();
    stream.ack('a', 100_000_000);
    stream.push('x'.repeat(101));
    stream.flush();
    expect(calls).toEqual(['pause']);
  });

  it('waits for a connection to send what it holds, and then goes on without another ack', () => {
    vi.useFakeTimers();
    const stream = new TerminalStream('t1', null, { highWatermark: 100, lowWatermark: 10, transportPollMs: 25 });
    const { calls, target } = producer();
    stream.setProducer(target);
    let queued = 0;
    const link: TerminalViewer = { id: 'a', send: () => undefined, queuedBytes: () => queued };
    stream.attach(link);
    queued = 500;
    stream.push('x'.repeat(50));
    stream.flush();
    stream.ack('a', 50);
    expect(calls).toEqual(['pause']);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['pause']);
    queued = 0;
    vi.advanceTimersByTime(25);
    expect(calls).toEqual(['pause', 'resume']);
  });
});

describe('TerminalStream with nobody watching', () => {
  function clocked(options: { log?: StreamLog } = {}) {
    vi.useFakeTimers();
    let now = 0;
    const stream = new TerminalStream('t1', options.log ?? null, {
      unseenCharsPerSecond: 1_000,
      unseenBurstChars: 500,
      now: () => now,
    });
    const { calls, target } = producer();
    stream.setProducer(target);
    const advance = (ms: number) => {
      now += ms;
      vi.advanceTimersByTime(ms);
    };
    return { stream, calls, advance };
  }

  it('reads a flood only as fast as its budget allows, resuming as the budget refills', () => {
    const { stream, calls, advance } = clocked();
    stream.push('z'.repeat(400));
    stream.flush();
    expect(calls).toEqual([]);
    stream.push('z'.repeat(300)); // 200 over the burst: 200 ms at 1 000 chars/s
    stream.flush();
    expect(calls).toEqual(['pause']);
    advance(150);
    expect(calls).toEqual(['pause']);
    advance(60);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('lets it run as soon as a window attaches, and holds it again when the window leaves', () => {
    const { stream, calls, advance } = clocked();
    stream.push('z'.repeat(2_000));
    stream.flush();
    expect(calls).toEqual(['pause']);
    const a = viewer('a');
    expect(stream.attach(a.link)).toBe(2_000);
    expect(calls).toEqual(['pause', 'resume']);
    stream.detach('a');
    expect(calls).toEqual(['pause', 'resume', 'pause']);
    advance(1_600);
    expect(calls).toEqual(['pause', 'resume', 'pause', 'resume']);
  });

  it('holds a real flood nobody watches to its budget', async () => {
    const stream = new TerminalStream('t1', null, { unseenCharsPerSecond: 200_000, unseenBurstChars: 100_000 });
    let read = 0;
    const child = new PtyProcess(
      {
        file: 'yes',
        args: ['y'.repeat(79)],
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '' },
        cols: 80,
        rows: 24,
      },
      {
        onData: (data) => {
          read += data.length;
          stream.push(data);
        },
        onExit: () => undefined,
      },
    );
    stream.setProducer(child);
    try {
      await sleep(1000);
      // Burst + one second at the rate, and what was in flight at each pause; unheld it is ~10 M.
      expect(read).toBeLessThan(100_000 + 200_000 + 200_000);
      expect(read).toBeGreaterThan(100_000);
    } finally {
      await child.stop();
      stream.setProducer(null);
    }
  }, 15_000);

  it('pauses while the log lags the disk and resumes once it has caught up', () => {
    let listener: (() => void) | null = null;
    const log = {
      pendingChars: 0,
      append(data: string) {
        this.pendingChars += data.length;
      },
      onWritten(l: (() => void) | null) {
        listener = l;
      },
    };
    vi.useFakeTimers();
    const stream = new TerminalStream('t1', log, { logHighWatermark: 100, logLowWatermark: 20 });
    const { calls, target } = producer();
    stream.setProducer(target);
    stream.attach(viewer('a').link); // watched and keeping up: only the log holds it
    stream.push('l'.repeat(101));
    stream.flush();
    stream.ack('a', 101);
    expect(calls).toEqual(['pause']);
    log.pendingChars = 50;
    listener!();
    expect(calls).toEqual(['pause']);
    log.pendingChars = 20;
    listener!();
    expect(calls).toEqual(['pause', 'resume']);
  });
});
