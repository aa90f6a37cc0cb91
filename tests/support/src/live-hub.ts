/** A real hub on port 0 with a fresh data dir and the real sidecar, for cross-package tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type HubOptions, type RunningHub } from '@sidecast/hub';
import { createClient, type SidecastClient } from '@sidecast/client';

export interface LiveHub {
  hub: RunningHub;
  dataDir: string;
  /** A client of this hub, closed by `stop()`. */
  client(): SidecastClient;
  /** Stop the hub (and its clients); with `keepData` the data dir stays for another hub. */
  stop(keepData?: boolean): Promise<void>;
}

export async function startLiveHub(
  options: Partial<HubOptions> = {},
  dataDir?: string,
): Promise<LiveHub> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'sidecast-it-')));
  const hub = await startHub({
    port: 0,
    portFallback: false,
    dataDir: dir,
    webRoot: undefined,
    ...options,
  });
  const clients: SidecastClient[] = [];
  return {
    hub,
    dataDir: dir,
    client: () => {
      const client = createClient({ url: hub.origin, token: hub.token });
      clients.push(client);
      return client;
    },
    async stop(keepData = false) {
      for (const client of clients) client.close();
      await hub.close();
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Poll `condition` every 10 ms until it holds; fail after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
