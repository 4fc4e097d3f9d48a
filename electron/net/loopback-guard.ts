import { timingSafeEqual } from 'node:crypto';

/*
 * Guards for a server that listens on loopback for this app alone: the browser host (the dashboard
 * over HTTP + WebSocket) and the hook server (Claude Code's hooks report there). Any page in the
 * user's browser and any local process can reach such a port; these checks keep them out.
 */

/** Compares a secret in constant time, so its prefix cannot be guessed by timing. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
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
