import { randomBytes } from 'node:crypto';

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

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // xterm.js and React set inline styles; no inline script is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'", // 'self' covers ws: to this host and port (CSP3); no other socket is allowed
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
