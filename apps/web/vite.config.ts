import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { devHubLink } from './dev/hub-link.js';

/** The hub `pnpm dev` starts (`apps/hub`'s `dev` script): fixed port, the repo's data dir. */
const DEV_HUB = process.env.SIDECAST_HUB_URL ?? 'http://127.0.0.1:8765';
const DEV_HUB_FILE = fileURLToPath(new URL('../../.sidecast/hub.json', import.meta.url));

export default defineConfig({
  // Relative asset paths: the same build works from the hub, a file:// page or a webview scheme.
  base: './',
  plugins: [vue(), devHubLink(DEV_HUB_FILE)],
  build: { target: 'es2022', chunkSizeWarningLimit: 600 },
  server: {
    port: 5173,
    strictPort: true,
    // The hub checks Host, so the proxy rewrites it; the Origin (the dev server's) is on the
    // hub's built-in list.
    proxy: {
      '/api': { target: DEV_HUB, changeOrigin: true },
      '/ws': { target: DEV_HUB, changeOrigin: true, ws: true },
    },
  },
});
