import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { isAllowedHost, tokensMatch } from '../net/loopback-guard';
import { type HookEvent, hookEventKinds, hookPath, hookTokenHeader, maxHookBodyBytes } from './hook-protocol';

export interface HookServerOptions {
  readonly onEvent: (event: HookEvent) => void;
}

export interface HookServer {
  /** Where the relay POSTs, e.g. http://127.0.0.1:41234/hook. */
  readonly url: string;
  /**
   * The token a thread's relay must send: each thread has its own (an HMAC of its id under a
   * secret that never leaves this process), so one agent cannot report for another. Give it to
   * that thread's agent through its environment only.
   */
  tokenFor(threadId: string): string;
  close(): Promise<void>;
}

/** What the relay POSTs: the thread it runs for, and Claude Code's hook input as it came on stdin. */
const HookPostSchema = z.object({
  threadId: z.string().min(1).max(200),
  hook: z
    .object({
      hook_event_name: z.string(),
      /** Notification's text, e.g. "Claude needs your permission to use Bash". */
      message: z.string().max(10_000).optional(),
    })
    .loose(),
});

const loopbackNames = ['127.0.0.1', 'localhost'];

/**
 * The endpoint Claude Code's hooks report to (through hook-relay), on loopback with a token per
 * thread: agent state straight from the agent instead of guessed from its screen.
 */
export async function startHookServer(options: HookServerOptions): Promise<HookServer> {
  const secret = randomBytes(32);
  const tokenFor = (threadId: string) => createHmac('sha256', secret).update(threadId, 'utf8').digest('base64url');
  let port = 0;
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => reply(response, 500));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page that rebinds a name to 127.0.0.1 still sends its own Host.
    if (!isAllowedHost(request.headers.host, loopbackNames, port)) return reply(response, 403);
    if (request.url !== hookPath) return reply(response, 404);
    if (request.method !== 'POST') return reply(response, 405);
    const header = request.headers[hookTokenHeader];
    const given = typeof header === 'string' && header !== '' ? header : null;
    if (given === null) return reply(response, 401);
    const body = await readBody(request);
    if (body === null) return reply(response, 413);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return reply(response, 400);
    }
    const parsed = HookPostSchema.safeParse(json);
    if (!parsed.success) return reply(response, 400);
    // The token must be the one of the thread the request names.
    if (!tokensMatch(tokenFor(parsed.data.threadId), given)) return reply(response, 401);
    reply(response, 204);
    const kind = hookEventKinds.find((name) => name === parsed.data.hook.hook_event_name);
    // Other hook events are accepted and ignored, so a newer Claude Code never sees errors.
    if (kind) options.onEvent({ threadId: parsed.data.threadId, kind, message: parsed.data.hook.message ?? null });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${hookPath}`,
    tokenFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end();
}

/** The request body as text, or null when it is larger than any hook input. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxHookBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxHookBodyBytes ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
