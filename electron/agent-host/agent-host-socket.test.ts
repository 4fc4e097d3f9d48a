import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledAgentHostDir } from '../test-support/agent-host-app';
import { makeTempDir } from '../test-support/temp-repo';
import { AgentHostClient, shutDownAgentHosts, spawnAgentHost } from './agent-host-client';
import { type AgentHostPaths, agentHostPaths } from './protocol';

/**
 * The agent host's sockets hurt on purpose by a client of its own (same user: the sockets are
 * owner-only), against the real host process: every case ends in a refusal or a closed
 * connection, never in the host (and every agent in it) dying, and its memory stays bounded.
 */
const distDir = bundledAgentHostDir('agent-host-socket-test');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
let paths: AgentHostPaths;
let token: string;
let hostPid: number;

beforeEach(async () => {
  temp = await makeTempDir('switchyard-agent-host-socket-');
  dataDir = path.join(temp.dir, 'data');
  paths = agentHostPaths(dataDir);
  await spawnAgentHost(
    dataDir,
    {
      execPath: process.execPath,
      entry: path.join(distDir, 'agent-host.cjs'),
      env: { SWITCHYARD_AGENT_HOST_IDLE_MS: '600000' },
    },
    paths,
  );
  token = await readFile(paths.token, 'utf8');
  hostPid = Number(await readFile(paths.pid, 'utf8'));
}, 30_000);

afterEach(async () => {
  await shutDownAgentHosts(dataDir);
  await temp.cleanup();
});

function hostLog(): string {
  return existsSync(paths.log) ? readFileSync(paths.log, 'utf8') : '';
}

function rssMb(pid: number): number {
  return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

/** The host still serves: a new client is welcomed and answered. */
async function assertServing(): Promise<void> {
  const idle = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };
  const client = await AgentHostClient.connect(paths, idle);
  if (!client) throw new Error(`the agent host does not answer:\n${hostLog()}`);
  try {
    expect(await client.request<{ pid: number }>('ping')).toMatchObject({ pid: hostPid });
  } finally {
    client.close();
  }
}

interface Exchange {
  /** Everything the host sent, once it closed the connection or `waitMs` passed. */
  readonly received: string;
  readonly closed: boolean;
}

/** Sends `chunks` in turn on one socket and collects what comes back. */
function exchange(socketPath: string, chunks: (string | Buffer)[], waitMs = 1_500): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, waitMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closed: true });
    });
    void (async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (chunks.length > 1) await new Promise((next) => setImmediate(next));
      }
    })();
  });
}

const line = (message: unknown) => `${JSON.stringify(message)}\n`;
const hello = (role: 'control' | 'data', extra: Record<string, unknown> = {}) =>
  line({ t: 'hello', v: 1, token, role, ...extra });

describe('the agent host socket, before the hello', () => {
  it('refuses a missing or wrong token and hangs up', async () => {
    for (const given of [undefined, 'wrong', 42, { toString: 1 }]) {
      const { received, closed } = await exchange(paths.control, [
        line({ t: 'hello', v: 1, role: 'control', token: given }),
      ]);
      expect(received, JSON.stringify(given)).toContain('"refused"');
      expect(closed).toBe(true);
    }
    const data = await exchange(paths.data, [line({ t: 'hello', v: 1, role: 'data', token: 'wrong', clientId: 'a1' })]);
    expect(data.received).toContain('"refused"');
    await assertServing();
  });

  it('survives hello fields of the wrong type: a client id that cannot even be made a string', async () => {
    const { closed } = await exchange(paths.data, [
      line({ t: 'hello', v: 1, role: 'data', token, clientId: { toString: 1 } }),
    ]);
    expect(closed).toBe(true);
    await assertServing();
  });

  it('ends a connection whose first line is not JSON, or never ends (cut off at 64 KB)', async () => {
    expect((await exchange(paths.control, ['garbage\n'])).closed).toBe(true);
    const before = rssMb(hostPid);
    const endless = Buffer.alloc(1024 * 1024, 'a');
    const { closed } = await exchange(
      paths.control,
      Array.from({ length: 64 }, () => endless),
      5_000,
    );
    expect(closed).toBe(true);
    expect(rssMb(hostPid) - before).toBeLessThan(40);
    await assertServing();
  });

  it('hangs up on a client that does not say hello within 10 s, even one that keeps talking', async () => {
    const started = Date.now();
    // Lines that are JSON but no hello, one every 100 ms: never idle, never a hello.
    const chatty = net.connect(paths.control);
    chatty.on('error', () => undefined);
    const talk = setInterval(() => chatty.write('1\n'), 100);
    const chattyClosed = new Promise<boolean>((resolve) => {
      chatty.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 20_000);
    });
    const [silent, data, talker] = await Promise.all([
      exchange(paths.control, [], 20_000),
      exchange(paths.data, [], 20_000),
      chattyClosed,
    ]);
    clearInterval(talk);
    chatty.destroy();
    expect([silent.closed, data.closed, talker]).toEqual([true, true, true]);
    expect(Date.now() - started).toBeLessThan(15_000);
    await assertServing();
  }, 30_000);

  it('welcomes a hello that arrives one byte at a time, multi-byte characters split', async () => {
    const bytes = [...Buffer.from(hello('control', { note: 'é€😀' }))].map((byte) => Buffer.from([byte]));
    const { received } = await exchange(paths.control, bytes);
    expect(received).toContain('"welcome"');
  });
});

describe('the agent host socket, after the hello', () => {
  it('answers requests with fields of the wrong type with an error, or ignores them; none ends the host', async () => {
    const frames = [
      line({ t: 'req', id: 1, op: { toString: 1 }, args: {} }),
      line({ t: 'req', id: { valueOf: 1, toString: 1 }, op: 'ping', args: {} }),
      line({ t: 'req', id: 3, op: 'screen', args: null }),
      line({ t: 'req', id: 4, op: 'attach', args: 5 }),
      line({ t: 'req', id: 5, op: 'start', args: { plan: null } }),
      line({ t: 'note', op: { toString: 1 }, args: {} }),
      line({ t: 'note', op: 'resize', args: { threadId: { toString: 1 }, cols: 'NaN', rows: 1e308 } }),
      line({ t: 'req', id: 6, op: 'ping', args: {} }),
    ];
    const { received } = await exchange(paths.control, [hello('control'), ...frames], 2_000);
    expect(received).toContain('"id":6,"ok":true');
    await assertServing();
  });

  it('ends the connection of a client whose line never ends (past 32 MB), memory bounded', async () => {
    const before = rssMb(hostPid);
    const endless = Buffer.alloc(1024 * 1024, 'a');
    const { closed } = await exchange(
      paths.control,
      [hello('control'), '{"t":"note","op":"write","args":{"data":"', ...Array.from({ length: 48 }, () => endless)],
      10_000,
    );
    expect(closed).toBe(true);
    expect(rssMb(hostPid) - before).toBeLessThan(150);
    await assertServing();
  });

  it('disconnects a client that asks and never reads its answers, memory bounded', async () => {
    const before = rssMb(hostPid);
    const socket = net.connect(paths.control);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(hello('control'));
    socket.pause();
    // Each answer repeats the unknown request's 1 MB name: 200 MB of answers nobody reads.
    const name = 'x'.repeat(1024 * 1024);
    for (let id = 1; id <= 200; id++) socket.write(line({ t: 'req', id, op: name, args: {} }));
    let peak = before;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      peak = Math.max(peak, rssMb(hostPid));
      if (socket.writableLength === 0 && peak - before > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < 20; i++) {
      peak = Math.max(peak, rssMb(hostPid));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Reading now: the host hung up long before it had sent every answer.
    let read = 0;
    socket.on('data', (chunk: Buffer) => (read += chunk.length));
    socket.resume();
    const hungUp = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    socket.destroy();
    expect(hungUp).toBe(true);
    expect(read).toBeLessThan(100 * 1024 * 1024);
    expect(peak - before).toBeLessThan(150);
    await assertServing();
  }, 60_000);
});
