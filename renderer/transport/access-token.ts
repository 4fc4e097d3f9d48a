/** sessionStorage key: survives a reload of this tab, but not a new tab or browser restart. */
export const tokenStorageKey = 'switchyard.token';

export interface TokenEnvironment {
  location: Pick<Location, 'search' | 'href'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  history: Pick<History, 'replaceState' | 'state'> | null;
}

/**
 * Reads the host's access token from `?token=`, remembers it for this tab, and strips it from the
 * address bar so it does not linger in history, bookmarks or screenshots. A later reload has no
 * `?token=` any more, so the remembered copy is used.
 */
export function takeAccessToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl && isUsableToken(fromUrl)) {
    safeSet(env.storage, fromUrl);
    url.searchParams.delete('token');
    try {
      env.history?.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    } catch {
      // Some embedders forbid replaceState; keeping the token in the address bar is harmless.
    }
    return fromUrl;
  }
  return safeGet(env.storage);
}

function safeGet(storage: TokenEnvironment['storage']): string | null {
  try {
    const kept = storage?.getItem(tokenStorageKey);
    return kept && isUsableToken(kept) ? kept : null;
  } catch {
    return null;
  }
}

function safeSet(storage: TokenEnvironment['storage'], token: string): void {
  try {
    storage?.setItem(tokenStorageKey, token);
  } catch {
    // Storage can be disabled (private mode); the token then only lives for this page load.
  }
}

/**
 * The host's tokens are base64url; anything else cannot be one (and could not be sent as a
 * WebSocket subprotocol, whose characters are limited), so it counts as no token.
 */
export function isUsableToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{1,200}$/.test(token);
}

/** ws(s)://<host>/ws for the page's own origin. The token never goes in the URL (URLs get logged). */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}

/**
 * The subprotocols the page offers: the token travels as `switchyard.token.<token>`, in a header
 * only our own page's script can set (electron/host/security.ts reads it).
 */
export function webSocketProtocols(token: string | null): string[] {
  return token && isUsableToken(token) ? [`switchyard.token.${token}`] : [];
}

/** What the page says when it was opened without the token (a bookmark, a typed address, a new tab). */
export function missingTokenMessage(origin: string): string {
  return (
    'This page was opened without its access token, so it cannot reach Switchyard. Open the full ' +
    `address that \`npm start\` or \`switchyard serve\` printed when it started: ${origin}/?token=…`
  );
}
