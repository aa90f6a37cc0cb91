import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real hubs and sidecars stream hundreds of thousands of events here.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
