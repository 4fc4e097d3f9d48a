import { readdir } from 'node:fs/promises';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertAnswering, eventually, faultWorkspace } from './support/fault-workspace';
import type { ServeProcess } from './support/serve-process';

/** Open file descriptors of a process: each connection the host holds is one. */
async function openFds(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

/** A raw connection that has sent `bytes`; it keeps the connection open until the test ends it. */
function rawConnection(port: number, bytes: string | Buffer): net.Socket & { answered: Promise<void> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(bytes);
  const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  return Object.assign(socket, { answered });
}

function upgradeRequest(host: ServeProcess, headers: { origin?: string; protocol?: string; version?: string }): string {
  const at = `127.0.0.1:${host.port}`;
  return (
    `GET /ws HTTP/1.1\r\nHost: ${at}\r\nOrigin: ${headers.origin ?? `http://${at}`}\r\nConnection: Upgrade\r\n` +
    `Upgrade: websocket\r\nSec-WebSocket-Version: ${headers.version ?? '13'}\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
    `Sec-WebSocket-Protocol: ${headers.protocol ?? `switchyard.token.${host.token}`}\r\n\r\n`
  );
}

/** Clients no browser is, but any local process can be: each is refused or dropped, and nothing stays held. */
describe('hostile clients of the browser host', () => {
  it('a WebSocket with a stale token that then sends an invalid frame does not end the host', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const socket = rawConnection(host.port, upgradeRequest(host, { protocol: 'switchyard.token.stale' }));
    await socket.answered;
    // Reserved bits set: no WebSocket frame may start with this byte.
    socket.write(Buffer.from([0x71, 0x80, 1, 2, 3, 4]));
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.destroy();
    await assertAnswering(host);
  });

  it('refused upgrades and answered garbage do not hold a connection open, even when the client does', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    await assertAnswering(host);
    const before = await openFds(host.pid);
    const requests = [
      upgradeRequest(host, { origin: 'http://evil.example' }),
      upgradeRequest(host, { version: '99' }),
      upgradeRequest(host, { protocol: 'switchyard.token.stale' }),
      'NOT HTTP AT ALL\r\n\r\n',
    ];
    const clients = Array.from({ length: 100 }, (_, i) => rawConnection(host.port, requests[i % requests.length]!));
    // The clients never close and keep talking; the host answers and closes its side all the same.
    const talk = setInterval(() => {
      for (const client of clients) if (!client.destroyed) client.write('x');
    }, 200);
    try {
      await Promise.all(clients.map((client) => client.answered));
      await eventually(
        async () => (await openFds(host.pid)) < before + 10,
        'the host to let go of refused connections',
      );
    } finally {
      clearInterval(talk);
      for (const client of clients) client.destroy();
    }
    await assertAnswering(host);
  });

  it('requests that never finish their headers (slowloris) are dropped within 40 seconds', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    await assertAnswering(host);
    const before = await openFds(host.pid);
    const clients = Array.from({ length: 200 }, () =>
      rawConnection(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: `),
    );
    const trickle = setInterval(() => {
      for (const client of clients) if (!client.destroyed) client.write('a');
    }, 1_000);
    try {
      await eventually(async () => (await openFds(host.pid)) > before + 150, 'the host to accept the slow requests');
      await assertAnswering(host);
      await eventually(
        async () => (await openFds(host.pid)) < before + 10,
        'the host to drop the slow requests',
        45_000,
      );
    } finally {
      clearInterval(trickle);
      for (const client of clients) client.destroy();
    }
    await assertAnswering(host);
  });

  it('pipelined requests whose answers are never read: the connections are closed, memory bounded', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const before = await host.rssMb();
    let peak = before;
    const burst = Buffer.from(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`.repeat(1_000));
    const clients = Array.from({ length: 6 }, () => {
      const socket = net.connect(host.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.pause();
      return socket;
    });
    const started = Date.now();
    while (Date.now() - started < 8_000 && clients.some((client) => !client.destroyed)) {
      for (const client of clients) if (!client.destroyed && client.writableLength < 1_000_000) client.write(burst);
      peak = Math.max(peak, await host.rssMb());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const client of clients) client.destroy();
    // Each such connection held ~120 MB of answers and file reads (six: 800 MB), growing until the host died.
    expect(peak - before).toBeLessThan(150);
    await assertAnswering(host);
  });

  it('a 4 MB request whose every value is wrong is refused without validating it, with a short answer and bounded memory', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const wire = await workspace.connect(host);
    // 400,000 price entries, each missing its four prices: a validator listing every issue holds gigabytes.
    const models = `{${Array.from({ length: 400_000 }, (_, i) => `"${i.toString(36)}":{}`).join(',')}}`;
    const rssBefore = await host.rssMb();
    let peak = rssBefore;
    const sampler = setInterval(() => {
      void host.rssMb().then(
        (mb) => (peak = Math.max(peak, mb)),
        () => undefined,
      );
    }, 50);
    const started = Date.now();
    const answer = new Promise<{ id: number; result: { ok: boolean; error: { kind: string; message: string } } }>(
      (resolve) =>
        wire.socket.on('message', (raw: Buffer) => {
          const frame = JSON.parse(raw.toString()) as { type: string; id: number; result: never };
          if (frame.type === 'response' && frame.id === 1) resolve(frame);
        }),
    );
    wire.sendRaw(`{"type":"request","id":1,"channel":"usage.setPriceOverrides","payload":{"models":${models}}}`);
    const answered = await Promise.race([answer, wire.closed.then((code) => ({ closedWith: code }))]);
    if ('closedWith' in answered) throw new Error(`the window was closed (${answered.closedWith}), not answered`);
    const { result } = answered;
    const elapsed = Date.now() - started;
    clearInterval(sampler);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(result.error.message.length).toBeLessThan(2_000);
    // Parsing 4 MB of JSON with 400,000 keys alone takes seconds here; listing every issue took minutes.
    expect(elapsed).toBeLessThan(10_000);
    expect(peak - rssBefore).toBeLessThan(200);
    await assertAnswering(host);
  });
});
