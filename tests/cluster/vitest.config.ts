import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file runs a Redis and several hubs with their workers: one at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
