import { describe, expect, it } from 'vitest';
import { type ConnectionState, elsewhereHintAfterMs } from './connection-state';
import { WebSocketBridge, defaultBackoffMs, type SocketHandlers } from './websocket-bridge';

class FakeSocket {
  readonly sent: string[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly handlers: SocketHandlers,
    readonly protocols: readonly string[] = [],
  ) {}
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.closed = true;
  }
  frames() {
    return this.sent.map((text) => JSON.parse(text) as { id: number; channel: string; payload: unknown });
  }
  respond(id: number, result: unknown) {
    this.handlers.onMessage(JSON.stringify({ type: 'response', id, result }));
  }
}

function setup(queueTimeoutMs = 20_000, extra: { tokenMissing?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; at: number; cancelled: boolean }> = [];
  let now = 0;
  const states: ConnectionState[] = [];
  const bridge = new WebSocketBridge({
    url: 'ws://127.0.0.1:4000/ws',
    protocols: ['switchyard.token.t'],
    ...extra,
    createSocket: (url, handlers, protocols) => {
      const socket = new FakeSocket(url, handlers, protocols);
      sockets.push(socket);
      return socket;
    },
    queueTimeoutMs,
    now: () => now,
    setTimer: (fn, ms) => {
      const timer = { fn, at: now + ms, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cancelled: boolean }).cancelled = true;
    },
  });
  bridge.subscribe((state) => states.push(state));
  bridge.start();
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers]) {
      if (!timer.cancelled && timer.at <= now) {
        timer.cancelled = true;
        timer.fn();
      }
    }
  };
  return { bridge, sockets, advance, states, latest: () => sockets[sockets.length - 1]! };
}

describe('WebSocketBridge', () => {
  it('queues requests until the socket opens, then sends them in order and matches responses by id', async () => {
    const { bridge, latest } = setup();
    const first = bridge.invoke('projects.list', {});
    const second = bridge.invoke('threads.stop', { threadId: 't1' });
    expect(latest().sent).toEqual([]);

    latest().handlers.onOpen();
    const frames = latest().frames();
    expect(frames.map((f) => f.channel)).toEqual(['projects.list', 'threads.stop']);
    expect(frames[1]).toEqual({
      type: 'request',
      id: frames[1]!.id,
      channel: 'threads.stop',
      payload: { threadId: 't1' },
    });

    // Answers may come back in any order.
    latest().respond(frames[1]!.id, { ok: false, error: { kind: 'not-found', message: 'No such thread' } });
    latest().respond(frames[0]!.id, { ok: true, value: [] });
    expect(await first).toEqual({ ok: true, value: [] });
    expect(await second).toEqual({ ok: false, error: { kind: 'not-found', message: 'No such thread' } });
  });

  it('delivers events to listeners of that event only, and ignores malformed frames', () => {
    const { bridge, latest } = setup();
    latest().handlers.onOpen();
    const data: unknown[] = [];
    const removed: unknown[] = [];
    const off = bridge.on('terminal.data', (payload) => data.push(payload));
    bridge.on('thread.removed', (payload) => removed.push(payload));

    latest().handlers.onMessage(
      JSON.stringify({ type: 'event', event: 'terminal.data', payload: { threadId: 't', start: 0, data: 'x' } }),
    );
    latest().handlers.onMessage('not json');
    latest().handlers.onMessage(JSON.stringify({ type: 'event', event: 'no.such.event', payload: {} }));
    latest().handlers.onMessage(JSON.stringify({ type: 'response', id: 999, result: { ok: true, value: 1 } }));
    off();
    latest().handlers.onMessage(
      JSON.stringify({ type: 'event', event: 'terminal.data', payload: { threadId: 't', start: 1, data: 'y' } }),
    );

    expect(data).toEqual([{ threadId: 't', start: 0, data: 'x' }]);
    expect(removed).toEqual([]);
  });

  it('fails outstanding requests when the socket drops, then reconnects with backoff', async () => {
    const { bridge, sockets, latest, advance, states } = setup();
    latest().handlers.onOpen();
    const pending = bridge.invoke('merge.run', { threadId: 't1' });
    latest().handlers.onClose(1006);

    expect(await pending).toEqual({ ok: false, error: { kind: 'internal', message: 'Connection to Switchyard lost' } });
    expect(bridge.getState()).toMatchObject({ status: 'reconnecting', failures: 1, epoch: 1 });
    expect(sockets).toHaveLength(1);

    advance(defaultBackoffMs(1));
    expect(sockets).toHaveLength(2);
    latest().handlers.onClose(1006); // the host is still down
    expect(bridge.getState().failures).toBe(2);
    advance(defaultBackoffMs(2) - 1);
    expect(sockets).toHaveLength(2);
    advance(1);
    expect(sockets).toHaveLength(3);

    latest().handlers.onOpen();
    expect(bridge.getState()).toMatchObject({ status: 'open', epoch: 2, failures: 0 });
    expect(states.some((s) => s.status === 'reconnecting')).toBe(true);
  });

  it('sends requests made while reconnecting once back, and expires them if it takes too long', async () => {
    const { bridge, latest, advance } = setup(1000);
    latest().handlers.onOpen();
    latest().handlers.onClose(1006);

    const waits = bridge.invoke('threads.list', {});
    advance(defaultBackoffMs(1));
    latest().handlers.onOpen();
    const frame = latest().frames()[0]!;
    expect(frame.channel).toBe('threads.list');
    latest().respond(frame.id, { ok: true, value: [] });
    expect(await waits).toEqual({ ok: true, value: [] });

    latest().handlers.onClose(1006);
    const expires = bridge.invoke('threads.list', {});
    advance(1000);
    const result = await expires;
    expect(result.ok).toBe(false);
  });

  it('ignores a late close from a replaced socket', () => {
    const { bridge, sockets, latest, advance } = setup();
    const old = latest();
    old.handlers.onOpen();
    old.handlers.onClose(1006);
    advance(defaultBackoffMs(1));
    latest().handlers.onOpen();
    old.handlers.onClose(1006);
    expect(bridge.getState().status).toBe('open');
    expect(sockets).toHaveLength(2);
  });

  it('retryNow skips the wait', () => {
    const { bridge, sockets, latest } = setup();
    latest().handlers.onClose(1006);
    expect(sockets).toHaveLength(1);
    bridge.retryNow();
    expect(sockets).toHaveLength(2);
  });

  it('stops retrying when the host refuses the access token', () => {
    const { bridge, sockets, latest, advance } = setup();
    latest().handlers.onClose(4401);
    expect(bridge.getState().status).toBe('refused');
    advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('offers the token as a subprotocol on every connect, never in the URL', () => {
    const { latest, advance } = setup();
    expect(latest().url).toBe('ws://127.0.0.1:4000/ws');
    expect(latest().protocols).toEqual(['switchyard.token.t']);
    latest().handlers.onClose(1006);
    advance(defaultBackoffMs(1));
    expect(latest().protocols).toEqual(['switchyard.token.t']);
  });

  it('keeps retrying a host that is gone for minutes, every 5 s at most, with the same token, and notes since when', () => {
    const { bridge, sockets, latest, advance } = setup();
    latest().handlers.onOpen();
    latest().handlers.onClose(1006); // the host is restarting
    const downSince = bridge.getState().downSince;
    expect(downSince).not.toBeNull();
    for (let attempt = 0; attempt < 60; attempt++) {
      const before = sockets.length;
      advance(5000);
      expect(sockets.length).toBe(before + 1);
      expect(latest().protocols).toEqual(['switchyard.token.t']);
      latest().handlers.onClose(1006);
      expect(bridge.getState()).toMatchObject({ status: 'reconnecting', downSince });
    }
    expect(elsewhereHintAfterMs).toBeLessThan(bridge.getState().retryAt! - downSince!);
    advance(5000);
    latest().handlers.onOpen();
    expect(bridge.getState()).toMatchObject({ status: 'open', epoch: 2, downSince: null });
  });

  it('opens no socket without a token, and answers requests at once saying why', async () => {
    const { bridge, sockets } = setup(20_000, { tokenMissing: true });
    expect(sockets).toHaveLength(0);
    expect(bridge.getState()).toMatchObject({ status: 'refused', tokenMissing: true });
    const result = await bridge.invoke('projects.list', {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('?token=') } });
  });

  it('reconnects after the host drops it as a slow consumer, and the new epoch triggers a resync', () => {
    const { bridge, sockets, latest, advance } = setup();
    latest().handlers.onOpen();
    expect(bridge.getState().epoch).toBe(1);
    latest().handlers.onClose(4408);
    expect(bridge.getState().status).toBe('reconnecting');
    advance(defaultBackoffMs(1));
    expect(sockets).toHaveLength(2);
    latest().handlers.onOpen();
    expect(bridge.getState()).toMatchObject({ status: 'open', epoch: 2 });
  });

  it('answers a request the host could not read with its error frame, and tolerates stray ones', async () => {
    const { bridge, latest } = setup();
    latest().handlers.onOpen();
    const pending = bridge.invoke('projects.list', {});
    const id = latest().frames()[0]!.id;
    latest().handlers.onMessage(
      JSON.stringify({ type: 'error', id: null, error: { kind: 'invalid-request', message: 'x' } }),
    );
    latest().handlers.onMessage(
      JSON.stringify({ type: 'error', id: 9999, error: { kind: 'invalid-request', message: 'y' } }),
    );
    latest().handlers.onMessage(JSON.stringify({ type: 'error', id, error: 'not an error' }));
    latest().handlers.onMessage(
      JSON.stringify({ type: 'error', id, error: { kind: 'invalid-request', message: 'The frame is not a request' } }),
    );
    expect(await pending).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'The frame is not a request' },
    });
  });
});
