import { describe, expect, it } from 'vitest';
import { VersionCache } from './version-cache';

describe('version cache', () => {
  it('runs each binary once per minute, shares concurrent asks, and asks again after that', async () => {
    let now = 0;
    const runs: string[] = [];
    const cache = new VersionCache(
      60_000,
      async (executable) => {
        runs.push(executable);
        return '1.2.3';
      },
      () => now,
    );
    await Promise.all([cache.version('/bin/a', ['--version']), cache.version('/bin/a', ['--version'])]);
    await cache.version('/bin/b', ['--version']);
    now = 59_000;
    expect(await cache.version('/bin/a', ['--version'])).toBe('1.2.3');
    expect(runs).toEqual(['/bin/a', '/bin/b']);
    now = 61_000;
    await cache.version('/bin/a', ['--version']);
    expect(runs).toEqual(['/bin/a', '/bin/b', '/bin/a']);
  });
});
