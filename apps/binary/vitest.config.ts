import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The executable tests start the real binary and its Python workers, and unpack on first run.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
