import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import type { SwitchyardApp } from '../app/switchyard-app';
import { makeTempDir } from './temp-repo';
import { makeTestApp } from './test-app';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../host/browser-host';

/** A real app behind a real started host, with what the host logged. */
export interface HostFixture {
  readonly app: SwitchyardApp;
  readonly host: BrowserHost;
  readonly dir: string;
  readonly logged: string[];
  close(): Promise<void>;
}

export async function startHostFixture(options: Partial<BrowserHostOptions> = {}): Promise<HostFixture> {
  const temp = await makeTempDir();
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  await writeFile(path.join(rendererDir, 'app.js'), 'console.log(1);');
  const { app } = await makeTestApp(path.join(temp.dir, 'data'));
  const logged: string[] = [];
  const host = await startBrowserHost({ app, rendererDir, log: (line) => logged.push(line), ...options });
  return {
    app,
    host,
    dir: temp.dir,
    logged,
    close: async () => {
      await host.close();
      await app.shutdown();
      await temp.cleanup();
    },
  };
}

/**
 * Sends bytes exactly as written and returns everything the host answered before closing, or
 * rejects when it does not answer in time (what a crashed or wedged host does).
 */
export function rawExchange(port: number, bytes: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms to ${JSON.stringify(bytes.slice(0, 200))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // One complete answer is enough: an upgrade that succeeded would otherwise stay open.
      if (/\r\n\r\n/.test(received) && !/^HTTP\/1\.1 101/.test(received)) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(bytes, 'latin1');
  });
}

export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** The page's WebSocket: token as a subprotocol, our own Origin. */
export function openSocket(host: BrowserHost, token: string = host.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, [`switchyard.token.${token}`], {
      origin: `http://127.0.0.1:${host.port}`,
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

export interface Frame {
  type: string;
  id?: number | null;
  result?: { ok: boolean; value?: unknown; error?: { kind: string; message: string } };
  error?: { kind: string; message: string };
  event?: string;
}

/** Every frame a socket receives, as parsed JSON. */
export function collectFrames(socket: WebSocket): Frame[] {
  const frames: Frame[] = [];
  socket.on('message', (raw: WebSocket.RawData) => frames.push(JSON.parse(String(raw)) as Frame));
  return frames;
}

/** Waits for the answer to request `id` (a response, or an error frame naming it). */
export function answerTo(socket: WebSocket, id: number): Promise<Frame> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const frame = JSON.parse(String(raw)) as Frame;
      if ((frame.type === 'response' || frame.type === 'error') && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
  });
}

export function nextFrame(socket: WebSocket, type: string): Promise<Frame> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const frame = JSON.parse(String(raw)) as Frame;
      if (frame.type === type) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
  });
}
