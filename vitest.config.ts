import { defineConfig } from 'vitest/config';
import { channelNamesDefine } from './scripts/channel-names.mjs';

export default defineConfig(async () => ({
  // As the build does: the contract's channel names for shared/channel-names.ts.
  define: await channelNamesDefine(),
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Shells the tests start (plain terminals, the shell profile) must not read the developer's rc
    // files: an interactive bash whose ~/.bashrc waits on a stale lock (pyenv's rehash) sits
    // silent for 60 s. Tests that need bash name it with --norc.
    env: { SHELL: '/bin/sh' },
  },
}));
