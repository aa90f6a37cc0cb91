import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file drives a real Chromium against a real hub and sidecar: one at a time on
    // a two-core machine keeps them from starving each other.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
