import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientLink } from '../api/client-link';
import type { SwitchyardApp } from '../app/switchyard-app';
import {
  contentSecurityPolicy,
  createToken,
  hostnamesFor,
  isAllowedHost,
  isAllowedOrigin,
  readCookie,
  tokenCookieName,
  tokensMatch,
} from './security';
import { readStaticFile } from './static-files';
import { tokenRefusedCloseCode } from '../../shared/wire-codes';
import { ClientFrameSchema, type ServerFrame } from './wire-protocol';

export interface BrowserHostOptions {
  readonly app: SwitchyardApp;
  readonly rendererDir: string;
  /** 127.0.0.1 unless the user asks for more. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The same services and contract as the Electron window, over HTTP + WebSocket: every request
 * needs the token, and Host/Origin checks keep other sites (and DNS rebinding) out.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? createToken();
  const allowedHostnames = hostnamesFor(bindHost);
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  const server = http.createServer((request, response) => {
    void handleHttp(request, response);
  });

  async function handleHttp(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const securityHeaders = {
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (!isAllowedHost(request.headers.host, allowedHostnames, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
      response.end('Switchyard refuses this Host header (DNS rebinding protection). Use the URL the server printed.\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const queryToken = url.searchParams.get('token');
    const cookieToken = readCookie(request.headers.cookie, tokenCookieName);
    if (!tokensMatch(token, queryToken) && !tokensMatch(token, cookieToken)) {
      response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
      response.end(
        'Switchyard needs its access token: open the full URL printed by `switchyard serve` (it ends in ?token=…).\n',
      );
      return;
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
      response.end(url.pathname === '/' ? 'The renderer is not built yet: run `npm run build`.\n' : 'Not found\n');
      return;
    }
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': file.contentType, ...securityHeaders };
    // The token travels once in the URL; after that an HttpOnly same-site cookie carries it.
    if (tokensMatch(token, queryToken)) {
      headers['Set-Cookie'] = `${tokenCookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024 * 1024,
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token') ?? readCookie(request.headers.cookie, tokenCookieName);
    const sameSite =
      url.pathname === '/ws' &&
      isAllowedHost(request.headers.host, allowedHostnames, port) &&
      isAllowedOrigin(request.headers.origin, allowedHostnames, port);
    if (!sameSite || !given) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (!tokensMatch(token, given)) {
      // Our own page with a stale token: say so in a way the page can read (it cannot see a 403).
      sockets.handleUpgrade(request, socket, head, (ws) => ws.close(tokenRefusedCloseCode, 'access token refused'));
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveClient(ws));
  });

  let clientCount = 0;
  function serveClient(ws: WebSocket): void {
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    // Broadcast events reach every tab; a terminal's output reaches only the tabs attached to it.
    const link: ClientLink = {
      id: `browser-${++clientCount}`,
      send: (event, payload) => send({ type: 'event', event, payload }),
    };
    const unsubscribeBroadcast = options.app.events.subscribe((event, payload) => link.send(event, payload));
    const unsubscribe = () => {
      unsubscribeBroadcast();
      options.app.disconnect(link);
    };
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const parsed = ClientFrameSchema.safeParse(frame);
      if (!parsed.success) return;
      const { id, channel, payload } = parsed.data;
      void options.app.dispatch(channel, payload, link).then((result) => send({ type: 'response', id, result }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost =
    bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
