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
  if (fromUrl) {
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
    return storage?.getItem(tokenStorageKey) || null;
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

/** ws(s)://<host>/ws?token=… for the page's own origin. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/ws${query}`;
}
