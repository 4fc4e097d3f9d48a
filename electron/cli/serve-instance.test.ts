import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceLockName } from '../app/instance-lock';
import { bundledCli } from '../test-support/built-cli';
import { makeTempDir } from '../test-support/temp-repo';
import { serveAddressName } from './serve-address';

/** The real CLI, bundled as the build does, run as separate processes on one data folder. */
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const cli = bundledCli('serve-instance-test');
const children = new Set<ChildProcess>();

beforeAll(async () => {
  temp = await makeTempDir();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await temp.cleanup();
});

interface Serve {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function serve(dataDir: string, ...args: string[]): Serve {
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // node-pty stays outside the bundle, as in the build: found through the repository's node_modules.
    env: { ...process.env, FORCE_COLOR: '0', NODE_PATH: path.resolve(__dirname, '..', '..', 'node_modules') },
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function urlOf(server: Serve): Promise<URL> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(server.output());
    if (match?.[1]) return new URL(match[1]);
    if (server.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`serve printed no URL:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(server: Serve, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
}

describe('one Switchyard per data folder, at a stable address', () => {
  it('refuses a second serve naming the first, takes over after kill -9, keeps port and token, frees the folder on exit', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const first = serve(dataDir);
    const firstUrl = await urlOf(first);

    const second = serve(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`already running with the data folder ${dataDir}`);
    expect(second.output()).toContain(`at http://127.0.0.1:${firstUrl.port}/ (pid ${first.child.pid})`);
    expect(second.output()).not.toContain(firstUrl.searchParams.get('token'));

    const lock = JSON.parse(await readFile(path.join(dataDir, instanceLockName), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid);
    const address = await stat(path.join(dataDir, serveAddressName));
    expect(address.mode & 0o777).toBe(0o600);

    // kill -9 leaves the lock behind; the next start sees its pid is gone and takes over, same address.
    await stop(first, 'SIGKILL');
    const third = serve(dataDir);
    const thirdUrl = await urlOf(third);
    expect(thirdUrl.href).toBe(firstUrl.href);
    expect(JSON.parse(await readFile(path.join(dataDir, instanceLockName), 'utf8'))).toMatchObject({
      pid: third.child.pid,
      url: `http://127.0.0.1:${firstUrl.port}/`,
    });

    // Ctrl-C: the agents go as the setting says, and the lock goes with the process.
    expect(await stop(third, 'SIGINT')).toBe(0);
    expect(third.output()).toContain('No agents were running.');
    await expect(stat(path.join(dataDir, instanceLockName))).rejects.toThrow();

    // --new-token rotates the token on the same port.
    const fourth = serve(dataDir, '--new-token');
    const fourthUrl = await urlOf(fourth);
    expect(fourthUrl.port).toBe(firstUrl.port);
    expect(fourthUrl.searchParams.get('token')).not.toBe(firstUrl.searchParams.get('token'));
    await stop(fourth);

    // The old port taken by someone else: a free one, and it says so.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(firstUrl.port), '127.0.0.1', () => resolve()));
    try {
      const fifth = serve(dataDir);
      const fifthUrl = await urlOf(fifth);
      expect(fifthUrl.port).not.toBe(firstUrl.port);
      expect(fifthUrl.searchParams.get('token')).toBe(fourthUrl.searchParams.get('token'));
      expect(fifth.output()).toContain(
        `Port ${firstUrl.port}, used last time, is taken; serving on port ${fifthUrl.port}`,
      );
      await stop(fifth);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }

    // An explicit --port wins over the remembered one.
    const free = await freePort();
    const sixth = serve(dataDir, '--port', String(free));
    expect((await urlOf(sixth)).port).toBe(String(free));
    await stop(sixth);
  });

  it('takes over a lock whose pid now belongs to another program', async () => {
    const dataDir = path.join(temp.dir, 'reused-pid');
    await mkdir(dataDir, { recursive: true });
    // This test runner is alive, but it is not the Switchyard that wrote the lock.
    await writeFile(
      path.join(dataDir, instanceLockName),
      JSON.stringify({
        pid: process.pid,
        url: 'http://127.0.0.1:1/',
        startedAt: '2020-01-01T00:00:00.000Z',
        command: 'node switchyard serve',
      }),
    );
    const server = serve(dataDir);
    await urlOf(server);
    expect(JSON.parse(await readFile(path.join(dataDir, instanceLockName), 'utf8'))).toMatchObject({
      pid: server.child.pid,
    });
    await stop(server);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
