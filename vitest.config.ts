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
  },
}));
