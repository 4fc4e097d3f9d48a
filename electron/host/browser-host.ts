import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { SwitchyardApp } from '../app/switchyard-app';
import { tokenRefusedCloseCode } from '../../shared/wire';
import { ClientConnection } from './client-connection';
import { createIncidentLog } from './incident-log';
import { hostnamesFor, isAllowedHost, isAllowedOrigin, tokensMatch } from '../net/loopback-guard';
import {
  contentSecurityPolicy,
  createToken,
  offeredProtocols,
  tokenFromProtocols,
  tokenProtocolPrefix,
} from './security';
import { readStaticFile } from './static-files';

export interface BrowserHostOptions {
  readonly app: SwitchyardApp;
  readonly rendererDir: string;
  /** 127.0.0.1 unless the user asks for more. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  /** Where refused and failed requests are reported (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Requests one connection may have waiting for their answers (a browser has one at a time). */
const maxUnansweredPerConnection = 32;

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

/**
 * The path of an origin-form request target (`/path?query`), or null for anything else
 * (absolute-form, `*`, control characters, broken %-escapes): those are answered 400 and never
 * parsed further.
 */
function targetPath(target: string | undefined): string | null {
  if (!target || !/^\/[\x21-\x7e]*$/.test(target)) return null;
  try {
    decodeURIComponent(target);
  } catch {
    return null; // a broken %-escape anywhere, path or query
  }
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/**
 * The same services and contract as the Electron window, over HTTP + WebSocket. The page and its
 * assets hold no secrets and are served to anyone who names us in `Host`; the WebSocket, which
 * is the control, needs the token (as a subprotocol) and our own `Origin`. Host/Origin checks
 * keep other sites and DNS rebinding out. Nothing a client sends can end the process.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? createToken();
  const allowedHostnames = hostnamesFor(bindHost);
  const rendererDir = path.resolve(options.rendererDir);
  const incident = createIncidentLog(options.log ?? ((line) => console.error(line)));
  let port = 0;

  // Loopback requests arrive whole at once: a client still sending its headers after 10 s is
  // holding a connection on purpose (slowloris). Node looks every 30 s, so such a client is gone within 40.
  const timeouts = { headersTimeout: 10_000, requestTimeout: 30_000 };
  const unanswered = new WeakMap<Duplex, number>();
  const server = http.createServer(timeouts, (request, response) => {
    // Browsers never pipeline. A client that does and never reads would have us parse without end:
    // each answer waits on a file read, so Node's own pause (on unsent answers) never comes.
    const socket = request.socket;
    if (socket.destroyed) return; // parsed from what a closed flood had already sent
    const waiting = (unanswered.get(socket) ?? 0) + 1;
    unanswered.set(socket, waiting);
    response.once('close', () => unanswered.set(socket, (unanswered.get(socket) ?? 1) - 1));
    if (waiting > maxUnansweredPerConnection) {
      incident('pipelining floods', `over ${maxUnansweredPerConnection} requests unanswered on one connection; closed`);
      socket.destroy();
      return;
    }
    handleHttp(request, response).catch((error: unknown) => {
      incident('unexpected errors', `${request.method ?? '?'} ${redact(request.url)}: ${describe(error)}`);
      answerText(response, 500, 'Switchyard could not answer this request; see its log.\n');
    });
  });

  // Requests Node's parser refuses (bad bytes, oversized headers) never reach handleHttp.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const answering = (socket as { _httpMessage?: http.ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    let status = '400 Bad Request';
    if (error.code === 'HPE_HEADER_OVERFLOW') status = '431 Request Header Fields Too Large';
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') status = '408 Request Timeout';
    else incident('malformed requests', `unparsable request: ${error.code ?? error.message}`);
    hangUp(socket, status);
  });

  async function handleHttp(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, allowedHostnames, port)) {
      answerText(
        response,
        421,
        'Switchyard refuses this Host header (DNS rebinding protection). Open the URL printed by `npm start` or `switchyard serve`.\n',
      );
      return;
    }
    const pathname = targetPath(request.url);
    if (pathname === null) {
      incident('malformed requests', `request target ${redact(request.url)}`);
      answerText(response, 400, 'Bad request target\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders });
      response.end();
      return;
    }
    // No token here: the page and its assets are the public build. The page keeps the token
    // from its own URL (`?token=`) and presents it on the WebSocket.
    const file = await readStaticFile(rendererDir, pathname);
    if (!file) {
      answerText(
        response,
        404,
        pathname === '/' ? 'The renderer is not built yet: run `npm run build`.\n' : 'Not found\n',
      );
      return;
    }
    response.writeHead(200, { 'Content-Type': file.contentType, ...securityHeaders });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024 * 1024,
    // The page offers only its token protocol; echo it, as the WebSocket handshake requires.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(tokenProtocolPrefix)) ?? false,
  });
  // A handshake ws itself refuses (bad key, bad subprotocol syntax): it answers 400; we only count.
  sockets.on('wsClientError', (error, socket) => {
    incident('malformed requests', `WebSocket handshake: ${error.message}`);
    hangUp(socket, '400 Bad Request');
  });

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // After 'upgrade' Node no longer watches this socket: an unhandled reset would be fatal.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      incident('unexpected errors', `WebSocket upgrade: ${describe(error)}`);
      hangUp(socket, '500 Internal Server Error');
    }
  });

  function handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const pathname = targetPath(request.url);
    if (pathname === null) {
      incident('malformed requests', `WebSocket target ${redact(request.url)}`);
      hangUp(socket, '400 Bad Request');
      return;
    }
    const given = tokenFromProtocols(offeredProtocols(request.headers['sec-websocket-protocol']));
    const sameSite =
      pathname === '/ws' &&
      isAllowedHost(request.headers.host, allowedHostnames, port) &&
      isAllowedOrigin(request.headers.origin, allowedHostnames, port);
    if (!sameSite || !given) {
      hangUp(socket, '403 Forbidden');
      return;
    }
    if (!tokensMatch(token, given)) {
      // Our own page with a stale token: say so in a way the page can read (it cannot see a 403).
      sockets.handleUpgrade(request, socket, head, (ws) => {
        // Whatever the client sends next may be no valid frame: ws reports it as 'error', fatal unheard.
        ws.on('error', () => ws.terminate());
        ws.close(tokenRefusedCloseCode, 'access token refused');
      });
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      new ClientConnection(ws, options.app, `browser-${++clientCount}`, incident);
    });
  }

  let clientCount = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  server.on('error', (error) => incident('server errors', describe(error)));
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

function answerText(response: http.ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
  response.end(text);
}

/**
 * Answers a request we will not serve and lets go of its connection once the answer is out. Only
 * ending our side is not enough: nothing reads these sockets any more, so a client that keeps its
 * side open (and talks on) would hold one of our sockets for ever. ws closes its refusals the same way.
 */
function hangUp(socket: Duplex, status: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A request target fit for the log: never the token, even one a page put in the URL. */
function redact(target: string | undefined): string {
  return (target ?? '?').replace(/token=[^&#]*/gi, 'token=…');
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
