import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerTo, openSocket, rawExchange, startHostFixture, statusOf, type HostFixture } from '../test-support/host';

let fixture: HostFixture;
let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  fixture = await startHostFixture();
});

afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await fixture.close();
});

function hostLine(): string {
  return `Host: 127.0.0.1:${fixture.host.port}\r\n`;
}

function upgrade(target: string, extra = ''): string {
  return (
    `GET ${target} HTTP/1.1\r\n${hostLine()}Origin: http://127.0.0.1:${fixture.host.port}\r\n` +
    'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`
  );
}

/** The host still serves its page and answers a request over a fresh socket. */
async function expectAlive(): Promise<void> {
  expect(unhandled).toEqual([]);
  expect(statusOf(await rawExchange(fixture.host.port, `GET / HTTP/1.1\r\n${hostLine()}\r\n`))).toBe(200);
  const socket = await openSocket(fixture.host);
  const answer = answerTo(socket, 1);
  socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.info', payload: {} }));
  expect((await answer).result?.ok).toBe(true);
  socket.close();
}

describe('no request, however malformed, ends the host', () => {
  it('answers a cookie that does not decode (planted by a page on another localhost port)', async () => {
    const answer = await rawExchange(
      fixture.host.port,
      `GET / HTTP/1.1\r\n${hostLine()}Cookie: switchyard_token=%\r\n\r\n`,
    );
    expect(statusOf(answer)).toBeGreaterThan(0);
    await expectAlive();
  });

  it('answers 400 to request targets that are not a path', async () => {
    const targets = [
      'http://[',
      'http://[/',
      '*',
      '//',
      'http://127.0.0.1/x?%',
      '%',
      '/%zz',
      '/\u00ff',
      '/%00',
      '/a%00.js',
    ];
    for (const target of targets) {
      const answer = await rawExchange(fixture.host.port, `GET ${target} HTTP/1.1\r\n${hostLine()}\r\n`);
      expect([400, 404], target).toContain(statusOf(answer));
    }
    const bracket = await rawExchange(fixture.host.port, `GET http://[ HTTP/1.1\r\n${hostLine()}\r\n`);
    expect(statusOf(bracket)).toBe(400);
    await expectAlive();
  });

  it('answers a WebSocket upgrade with a bad cookie or a bad target instead of dying', async () => {
    const badCookie = await rawExchange(fixture.host.port, upgrade('/ws', 'Cookie: switchyard_token=%\r\n'));
    expect(statusOf(badCookie)).toBe(403);
    const badTarget = await rawExchange(fixture.host.port, upgrade('http://['));
    expect(statusOf(badTarget)).toBe(400);
    const badProtocol = await rawExchange(fixture.host.port, upgrade('/ws', 'Sec-WebSocket-Protocol: ,,, \u00ff\r\n'));
    expect([400, 403]).toContain(statusOf(badProtocol));
    await expectAlive();
  });

  it('logs the first malformed request, then only counts them', async () => {
    for (let i = 0; i < 50; i++) {
      const answer = await rawExchange(fixture.host.port, `GET http://[ HTTP/1.1\r\n${hostLine()}\r\n`);
      expect(statusOf(answer)).toBe(400);
    }
    const lines = fixture.logged.filter((line) => /malformed/i.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.join('\n')).toMatch(/10 /);
    await expectAlive();
  });

  it('never writes the token to the log, even from a malformed target', async () => {
    const target = `/?token=${fixture.host.token}&%`;
    expect(statusOf(await rawExchange(fixture.host.port, `GET ${target} HTTP/1.1\r\n${hostLine()}\r\n`))).toBe(400);
    expect(fixture.logged.length).toBeGreaterThan(0);
    expect(fixture.logged.join('\n')).not.toContain(fixture.host.token);
  });
});
