import { describe, expect, it } from 'vitest';
import { hostnamesFor, isAllowedHost, isAllowedOrigin } from './loopback-guard';

const names = hostnamesFor('127.0.0.1');

describe('Host and Origin checks', () => {
  it('accepts exactly name:port for the names we are bound to', () => {
    expect(isAllowedHost('127.0.0.1:4000', names, 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', names, 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', names, 4000)).toBe(true);
    expect(isAllowedHost('[::1]:4000', names, 4000)).toBe(true);
  });

  it('refuses every lenient form a URL parser would tidy up', () => {
    for (const host of [
      'evil.com@127.0.0.1:4000',
      'user:pw@127.0.0.1:4000',
      '127.0.0.1:4000/x',
      '127.0.0.1:4000?x',
      '127.0.0.1:4000#x',
      '127.0.0.1:4000\\x',
      '127.0.0.1',
      '127.0.0.1:',
      '127.0.0.1:4001',
      '127.0.0.1:04000',
      '127.0.0.1:4000 ',
      ' 127.0.0.1:4000',
      '127.0.0.1.:4000',
      '0x7f.1:4000',
      '2130706433:4000',
      'evil.example:4000',
      'localhost.evil.com:4000',
      '127.0.0.1.evil.com:4000',
      '[::ffff:127.0.0.1]:4000',
      '[0:0:0:0:0:0:0:1]:4000',
      '[::1%25lo]:4000',
      '127.1:4000',
      '127.0.0.1:69536',
      'lоcalhost:4000',
      '127.0.0.1:4000, evil.example:4000',
      '',
      undefined,
    ]) {
      expect(isAllowedHost(host, names, 4000), String(host)).toBe(false);
    }
  });

  it('accepts a missing port only where the browser leaves it out (port 80)', () => {
    expect(isAllowedHost('127.0.0.1', names, 80)).toBe(true);
    expect(isAllowedHost('127.0.0.1:80', names, 80)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1', names, 80)).toBe(true);
  });

  it('accepts only our own http origin, exactly', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', names, 4000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', names, 4000)).toBe(true);
    for (const origin of [
      'http://evil.com@127.0.0.1:4000',
      'http://127.0.0.1:4000/',
      'http://127.0.0.1:4000/x',
      'http://127.0.0.1:4000?x',
      'http://127.0.0.1',
      'http://127.0.0.1:4001',
      'https://127.0.0.1:4000',
      'HTTP://127.0.0.1:4000x',
      'ws://127.0.0.1:4000',
      'null',
      'http://evil.example:4000',
      'http://localhost.evil.com:4000',
      'http://127.0.0.1:4000, http://evil.example',
      '',
      undefined,
    ]) {
      expect(isAllowedOrigin(origin, names, 4000), String(origin)).toBe(false);
    }
  });

  it('names an IPv6 bind address in its bracketed form', () => {
    expect(isAllowedHost('[::1]:4000', hostnamesFor('::1'), 4000)).toBe(true);
    expect(isAllowedHost('[fd00::5]:4000', hostnamesFor('fd00::5'), 4000)).toBe(true);
    expect(isAllowedHost('192.168.1.5:4000', hostnamesFor('192.168.1.5'), 4000)).toBe(true);
  });
});
