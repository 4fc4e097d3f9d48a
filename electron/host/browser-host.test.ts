import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SwitchyardApp } from '../app/switchyard-app';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';
import { startBrowserHost, type BrowserHost } from './browser-host';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let host: BrowserHost;

beforeEach(async () => {
  temp = await makeTempDir();
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  ({ app } = await makeTestApp(path.join(temp.dir, 'data')));
  host = await startBrowserHost({ app, rendererDir });
});

afterEach(async () => {
  await host.close();
  await app.shutdown();
  await temp.cleanup();
});

function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on('error', reject);
  });
}

/** Opens /ws the way the page does: the token travels as a subprotocol, never in the URL. */
function connect(
  token: string | null,
  origin: string | undefined,
  extra: { query?: string; headers?: Record<string, string> } = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${host.port}/ws${extra.query ?? ''}`,
      token === null ? [] : [`switchyard.token.${token}`],
      { ...(origin ? { origin } : {}), headers: extra.headers ?? {} },
    );
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

function request(
  socket: WebSocket,
  id: number,
  channel: string,
  payload: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { kind: string } }> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const frame = JSON.parse(raw.toString()) as { type: string; id?: number; result?: never };
      if (frame.type === 'response' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame.result as never);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
  });
}

describe('browser host security', () => {
  it('binds to loopback and prints a URL that carries the token (for the page to keep)', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page and its assets without the token and never sets a cookie', async () => {
    for (const target of ['/', '/index.html', `/?token=${host.token}`, '/?token=wrong']) {
      const page = await get(target);
      expect(page.status, target).toBe(200);
      expect(page.body).toContain('<title>Switchyard</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['set-cookie'], target).toBeUndefined();
    }
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const response = await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(response.status).toBe(421);
  });

  it('refuses Host headers a lenient URL parser would accept', async () => {
    for (const bad of [
      `evil.com@127.0.0.1:${host.port}`,
      `127.0.0.1:${host.port}/x`,
      `127.0.0.1:${host.port}?x`,
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
    ]) {
      expect((await get('/', { host: bad })).status, bad).toBe(421);
    }
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/..%2fdata%2fstate.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    for (const target of [
      '/..%5c..%5cdata%5cstate.json',
      '/..%252f..%252fetc%252fpasswd',
      '/index.html%00.js',
      '/%00',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
    ]) {
      expect((await get(target)).status, target).toBe(404);
    }
    // Not UTF-8 (an overlong '.'): not a path at all.
    expect((await get('/%c0%ae%c0%ae/etc/passwd')).status).toBe(400);
  });

  it('answers other methods 405 and HEAD without a body', async () => {
    for (const method of ['POST', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'PROPFIND']) {
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port: host.port, path: '/', method }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
      expect(status, method).toBe(405);
    }
    const head = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: host.port, path: '/', method: 'HEAD' }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(head).toEqual({ status: 200, body: '' });
  });

  it('accepts a WebSocket only with the token subprotocol and our own Origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(connect(null, origin)).rejects.toThrow('403');
    const stale = await connect('stale-token-from-before-a-restart', origin);
    const closeCode = await new Promise<number>((resolve) => stale.once('close', (code) => resolve(code)));
    expect(closeCode).toBe(4401);
    await expect(connect(host.token, 'http://evil.example')).rejects.toThrow('403');
    await expect(connect(host.token, undefined)).rejects.toThrow('403');
    const socket = await connect(host.token, origin);
    expect(socket.protocol).toBe(`switchyard.token.${host.token}`);
    socket.close();
  });

  it('takes the token from nowhere but the subprotocol: no query string, no cookie', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(connect(null, origin, { query: `?token=${host.token}` })).rejects.toThrow('403');
    await expect(
      connect(null, origin, { headers: { cookie: `switchyard_token=${encodeURIComponent(host.token)}` } }),
    ).rejects.toThrow('403');
  });

  it('refuses lenient Host and Origin forms on the WebSocket', async () => {
    const port = host.port;
    // The exact forms get in; each variation below differs from them in one way only.
    (await connect(host.token, `http://127.0.0.1:${port}`, { headers: { host: `127.0.0.1:${port}` } })).close();
    await expect(connect(host.token, `http://evil.com@127.0.0.1:${port}`)).rejects.toThrow('403');
    await expect(connect(host.token, `http://127.0.0.1:${port}/x`)).rejects.toThrow('403');
    await expect(
      connect(host.token, `http://127.0.0.1:${port}`, { headers: { host: `evil.com@127.0.0.1:${port}` } }),
    ).rejects.toThrow('403');
    await expect(
      connect(host.token, `http://127.0.0.1:${port}`, { headers: { host: `127.0.0.1:${port}/x` } }),
    ).rejects.toThrow('403');
  });

  it('answers contract requests, validates them, and pushes events', async () => {
    const socket = await connect(host.token, `http://localhost:${host.port}`);
    const events: string[] = [];
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; event?: string };
      if (frame.type === 'event' && frame.event) events.push(frame.event);
    });
    const info = await request(socket, 1, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', firstRun: true, canPickFolder: false } });
    expect(await request(socket, 2, 'projects.open', { path: 42 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await request(socket, 3, 'no.such.channel', {})).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    const repo = await makeRepo(temp.dir);
    expect(await request(socket, 4, 'projects.open', { path: repo })).toMatchObject({
      ok: true,
      value: { path: repo },
    });
    expect(events).toContain('project.updated');
    socket.close();
  });
});
