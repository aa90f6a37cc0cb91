import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration tests start real sidecars and wait out real (shortened) supervisor timings.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
