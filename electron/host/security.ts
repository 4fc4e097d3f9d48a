import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The page offers the token as a WebSocket subprotocol, `switchyard.token.<token>`: it travels in
 * a header (never in a URL, so never in a log or the address bar) and only to our own origin,
 * because only our page's script holds it. There is no cookie: cookies are not port-scoped, so
 * one would also be sent to every other server on 127.0.0.1, such as an agent's dev server.
 */
export const tokenProtocolPrefix = 'switchyard.token.';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the page offered among its subprotocols, or null. */
export function tokenFromProtocols(protocols: ReadonlySet<string>): string | null {
  for (const protocol of protocols) {
    if (protocol.startsWith(tokenProtocolPrefix) && protocol.length > tokenProtocolPrefix.length) {
      return protocol.slice(tokenProtocolPrefix.length);
    }
  }
  return null;
}

/** The subprotocols of an upgrade request, as offered (ws checks the header's syntax itself). */
export function offeredProtocols(header: string | undefined): Set<string> {
  if (!header) return new Set();
  return new Set(
    header
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
}

/**
 * Exactly `name[:port]`: a DNS name or IPv4 address, or a bracketed IPv6 address, and decimal
 * digits without a leading zero. Nothing a URL parser would tidy up (userinfo, path, query,
 * fragment, backslashes, spaces) gets through: we match the text, we do not parse a URL.
 */
const hostPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::([1-9][0-9]{0,4}))?$/;

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends
 * "Host: evil.example", so only the names we are bound to, on our port, are accepted. The port
 * may be left out only where a browser leaves it out: port 80.
 */
export function isAllowedHost(
  hostHeader: string | undefined,
  allowedHostnames: readonly string[],
  port: number,
): boolean {
  if (!hostHeader) return false;
  const match = hostPattern.exec(hostHeader);
  if (!match) return false;
  const hostname = match[1]!.toLowerCase();
  const givenPort = match[2] === undefined ? 80 : Number(match[2]);
  return givenPort === port && allowedHostnames.includes(hostname);
}

/** Cross-site pages may open WebSockets to us; only our own origin, `http://name[:port]` exactly, may. */
export function isAllowedOrigin(
  origin: string | undefined,
  allowedHostnames: readonly string[],
  port: number,
): boolean {
  if (!origin?.startsWith('http://')) return false;
  return isAllowedHost(origin.slice('http://'.length), allowedHostnames, port);
}

/** Hostnames a browser may use to reach a host bound to `bindHost` (IPv6 in brackets, lower case). */
export function hostnamesFor(bindHost: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') {
    const name = bindHost.toLowerCase();
    names.add(name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);
  }
  return [...names];
}

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // xterm.js and React set inline styles; no inline script is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
