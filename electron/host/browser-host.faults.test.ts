import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSocket, rawExchange, startHostFixture, statusOf, type HostFixture } from '../test-support/host';

// The disk under the renderer build fails: every read throws.
vi.mock('./static-files', () => ({
  readStaticFile: vi.fn(() => Promise.reject(new Error('EIO: i/o error, read'))),
}));

let fixture: HostFixture;
let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  fixture = await startHostFixture();
});

afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await fixture.close();
});

describe('an unexpected error while answering', () => {
  it('is answered with 500 and logged (once), never fatal', async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await rawExchange(
        fixture.host.port,
        `GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:${fixture.host.port}\r\n\r\n`,
      );
      expect(statusOf(answer)).toBe(500);
    }
    expect(unhandled).toEqual([]);
    const lines = fixture.logged.filter((line) => line.includes('EIO'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    // The WebSocket side does not depend on the disk.
    const socket = await openSocket(fixture.host);
    socket.close();
  });
});
