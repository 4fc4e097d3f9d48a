import { describe, expect, it } from 'vitest';
import {
  missingTokenMessage,
  takeAccessToken,
  tokenStorageKey,
  webSocketProtocols,
  webSocketUrl,
} from './access-token';

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
    const { env, store, replaced } = environment('http://127.0.0.1:4000/?token=s3cr-t_9&x=1#top');
    expect(takeAccessToken(env)).toBe('s3cr-t_9');
    expect(store.get(tokenStorageKey)).toBe('s3cr-t_9');
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('falls back to the remembered token after a reload', () => {
    const { env, store } = environment('http://127.0.0.1:4000/');
    store.set(tokenStorageKey, 'kept');
    expect(takeAccessToken(env)).toBe('kept');
  });

  it('builds ws and wss URLs for the page origin, without the token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/ws');
  });

  it('offers the token as a subprotocol, and only a token that can be one', () => {
    expect(webSocketProtocols('abc-_09XYZ')).toEqual(['switchyard.token.abc-_09XYZ']);
    expect(webSocketProtocols(null)).toEqual([]);
    expect(webSocketProtocols('a b')).toEqual([]);
  });

  it('treats a token that cannot be one as no token', () => {
    const { env, store } = environment('http://127.0.0.1:4000/?token=%3Cscript%3E');
    expect(takeAccessToken(env)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('tells a page without a token where the address comes from', () => {
    const message = missingTokenMessage('http://127.0.0.1:4000');
    expect(message).toContain('npm start');
    expect(message).toContain('switchyard serve');
    expect(message).toContain('http://127.0.0.1:4000/?token=');
  });
});
