/** The set-up most scenarios share: a fresh hub with its sidecar up, a driver and viewers. */
import { Driver } from './driver.js';
import { startHubProcess, type HubProcess } from './hub-process.js';
import { SETTINGS } from './measure.js';
import { ViewerPool } from './viewer-pool.js';

export interface Setup {
  hub: HubProcess;
  driver: Driver;
  pool: ViewerPool;
}

/**
 * Resolves once every worker of an `--eager` hub is up: measure then, not while the rest of
 * the pool is still importing Python on the cores the job and the hub need.
 */
export async function poolReady(driver: Driver): Promise<void> {
  await driver.client.jobTypes();
  for (;;) {
    const { workers, size } = await driver.client.sidecar();
    if (workers.length === size && workers.every(({ state }) => state === 'idle')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Run `measure` against a fresh hub whose sidecar is ready, with `viewers` live viewers
 * (the first able to stall, with `stallOne`) and more `hubArgs`; everything is stopped
 * afterwards.
 */
export async function withViewers<T>(
  viewers: number,
  measure: (setup: Setup) => Promise<T>,
  stallOne = false,
  hubArgs: readonly string[] = [],
): Promise<T> {
  const hub = await startHubProcess({
    args: ['--eager', ...hubArgs],
    nodeFlags: SETTINGS.hubNodeFlags,
  });
  const driver = await Driver.connect(hub);
  const pool = await ViewerPool.open(hub.url, hub.token, viewers, stallOne);
  try {
    await poolReady(driver);
    return await measure({ hub, driver, pool });
  } finally {
    await pool.close();
    driver.close();
    await hub.stop();
  }
}
