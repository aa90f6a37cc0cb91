/**
 * `pnpm dev` runs the hub beside Vite. The hub writes its address and token to `hub.json`
 * in its data dir; this plugin waits for that file and prints the dev server's address with
 * the token in the fragment, the link a developer clicks (as the hub itself prints its own).
 */
import { readFile } from 'node:fs/promises';
import type { Plugin, ViteDevServer } from 'vite';

export interface HubLink {
  url: string;
  token: string;
}

/** The hub's `hub.json`, or `undefined` while there is none (or it is half written). */
export async function readHubLink(file: string): Promise<HubLink | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { url, token } = value as Record<string, unknown>;
    return typeof url === 'string' && typeof token === 'string' ? { url, token } : undefined;
  } catch {
    return undefined;
  }
}

const POLL_MS = 500;
const GIVE_UP_MS = 120_000;

export function devHubLink(hubFile: string): Plugin {
  return {
    name: 'sidecast:dev-hub-link',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => void announce(server, hubFile));
    },
  };
}

async function announce(server: ViteDevServer, hubFile: string): Promise<void> {
  const { logger } = server.config;
  for (let waited = 0; waited < GIVE_UP_MS; waited += POLL_MS) {
    const link = await readHubLink(hubFile);
    const local = server.resolvedUrls?.local[0];
    if (link !== undefined && local !== undefined) {
      logger.info(`  ➜  Sidecast (hub ${link.url}): ${local}#token=${link.token}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  logger.warn(`  ➜  no hub.json at ${hubFile}: is the hub running? (pnpm dev starts it)`);
}
