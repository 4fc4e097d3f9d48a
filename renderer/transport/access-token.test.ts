import { describe, expect, it } from 'vitest';
import { takeAccessToken, tokenStorageKey, webSocketUrl } from './access-token';

function environment(href: string) {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  return {
    env: {
      location: { href, search: new URL(href).search },
      storage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
      history: {
        state: null,
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
      },
    },
    store,
    replaced,
  };
}

describe('access token', () => {
  it('takes the token from the address, remembers it and strips it from the address bar', () => {
    const { env, store, replaced } = environment('http://127.0.0.1:4000/?token=s3cr%2Bt&x=1#top');
    expect(takeAccessToken(env)).toBe('s3cr+t');
    expect(store.get(tokenStorageKey)).toBe('s3cr+t');
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('falls back to the remembered token after a reload', () => {
    const { env, store } = environment('http://127.0.0.1:4000/');
    store.set(tokenStorageKey, 'kept');
    expect(takeAccessToken(env)).toBe('kept');
  });

  it('builds ws and wss URLs for the page origin', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a b')).toBe(
      'ws://127.0.0.1:4000/ws?token=a%20b',
    );
    expect(webSocketUrl({ protocol: 'https:', host: 'example.test' }, 't')).toBe('wss://example.test/ws?token=t');
  });
});
