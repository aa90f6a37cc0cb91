import { defineConfig } from 'vitest/config';

export default defineConfig({
  // It starts a real hub and its Python workers.
  test: { testTimeout: 30_000 },
});
