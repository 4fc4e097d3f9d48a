import { describe, expect, it } from 'vitest';
import { rawRequest } from './support/raw-http';
import { assertAnswering, faultWorkspace } from './support/fault-workspace';

/** Requests no browser would send, but any local page or process can: each gets an answer, none ends the host. */
describe('malformed requests', () => {
  it('answers each (refused, or ignored where it carries nothing) and keeps serving', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const at = `127.0.0.1:${host.port}`;
    const upgrade = (extra: string) =>
      `GET /ws HTTP/1.1\r\nHost: ${at}\r\nOrigin: http://${at}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;
    // Cookies and query tokens carry nothing for the host any more: planted ones are ignored (page or 404).
    const ignored = /^HTTP\/1\.1 (200|404) /;
    const answered = /^HTTP\/1\.1 [24]\d\d /;
    const refused = /^HTTP\/1\.1 4\d\d /;
    const cases: [string, string, RegExp][] = [
      [
        'a cookie that is not URI-encoded',
        `GET / HTTP/1.1\r\nHost: ${at}\r\nCookie: switchyard_token=%\r\n\r\n`,
        ignored,
      ],
      [
        'a planted cookie on an asset',
        `GET /assets/x.js HTTP/1.1\r\nHost: ${at}\r\nCookie: switchyard_token=%E0%A4%A\r\n\r\n`,
        ignored,
      ],
      ['a request target that is not a URL', `GET http://[ HTTP/1.1\r\nHost: ${at}\r\n\r\n`, refused],
      ['a token that is not URI-encoded', `GET /?token=%E0%A4%A HTTP/1.1\r\nHost: ${at}\r\n\r\n`, answered],
      ['userinfo in Host', `GET / HTTP/1.1\r\nHost: evil.com@${at}\r\n\r\n`, refused],
      ['a path in Host', `GET / HTTP/1.1\r\nHost: ${at}/x\r\n\r\n`, refused],
      ['an upgrade with a bad cookie', upgrade('Cookie: switchyard_token=%\r\n'), refused],
      ['an upgrade with a bad request target', upgrade('').replace('GET /ws', 'GET http://['), refused],
      [
        'an upgrade from a lenient Origin',
        upgrade('').replace(`Origin: http://${at}`, `Origin: http://evil.com@${at}`),
        refused,
      ],
      ['a garbage request line', 'NOT HTTP AT ALL\r\n\r\n', refused],
      [
        'headers past the size limit',
        `GET / HTTP/1.1\r\nHost: ${at}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
        refused,
      ],
    ];
    for (const [what, request, expected] of cases) {
      const status = await rawRequest(host.port, request);
      expect.soft(status ?? '(closed without an answer)', what).toMatch(expected);
      await assertAnswering(host);
    }
    // Frames a page would never send: each is answered with an error frame, and the window stays usable.
    const wire = await workspace.connect(host);
    for (const frame of ['not json', '{"type":"request"}', '{"type":"request","id":-1,"channel":"app.info"}']) {
      const before = wire.frames.length;
      wire.sendRaw(frame);
      await expect.poll(() => wire.frames.length, { timeout: 5_000 }).toBeGreaterThan(before);
      expect(wire.frames.at(-1)).toMatchObject({ type: 'error' });
    }
    // A well-formed request for a channel that does not exist is an ordinary refused request.
    expect(await wire.request('no.such.channel')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    wire.sendRaw(Buffer.from([0, 1, 2, 3]));
    expect((await wire.request('app.info')).ok).toBe(true);
    await assertAnswering(host);
  });
});
