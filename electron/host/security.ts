import { randomBytes, timingSafeEqual } from 'node:crypto';

export const tokenCookieName = 'switchyard_token';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends
 * "Host: evil.example", so only the names we are bound to are accepted.
 */
export function isAllowedHost(
  hostHeader: string | undefined,
  allowedHostnames: readonly string[],
  port: number,
): boolean {
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  const urlPort = url.port === '' ? 80 : Number(url.port);
  return urlPort === port && allowedHostnames.includes(url.hostname.toLowerCase());
}

/** Cross-site pages may open WebSockets to us; only our own origin may. */
export function isAllowedOrigin(
  origin: string | undefined,
  allowedHostnames: readonly string[],
  port: number,
): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return isAllowedHost(url.host, allowedHostnames, port);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Hostnames a browser may use to reach a host bound to `bindHost`. */
export function hostnamesFor(bindHost: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.toLowerCase());
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
