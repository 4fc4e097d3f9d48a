import { describe, expect, it } from 'vitest';
import { tokenFromProtocols, tokenProtocolPrefix } from './security';

describe('token subprotocol', () => {
  it('reads the token from the offered subprotocols, and nothing else', () => {
    expect(tokenFromProtocols(new Set([`${tokenProtocolPrefix}abc_-1`]))).toBe('abc_-1');
    expect(tokenFromProtocols(new Set(['chat', `${tokenProtocolPrefix}xyz`]))).toBe('xyz');
    expect(tokenFromProtocols(new Set(['chat']))).toBeNull();
    expect(tokenFromProtocols(new Set([tokenProtocolPrefix]))).toBeNull();
    expect(tokenFromProtocols(new Set())).toBeNull();
  });
});
