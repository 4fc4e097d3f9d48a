import { defineConfig } from 'vitest/config';

// The fault suite: each case starts the real `switchyard serve` (built by `npm run build`) on a
// real repository and hurts it on purpose. Run one file at a time: they measure a host's memory.
export default defineConfig({
  test: {
    include: ['e2e/faults/**/*.fault.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
