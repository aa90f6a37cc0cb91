/**
 * `sidecast reload`: reload the job code of the hub of this folder and say how it went:
 * the job types it now serves, or why the code did not import (the workers from before
 * keep serving). Exits 0 when the reload worked, 1 when it did not.
 */
import { HubApi, type FetchLike } from '@sidecast/client';
import type { SidecarStatus } from '@sidecast/protocol';
import { findHub } from './find-hub.js';
import type { Output } from './log-printer.js';
import type { HubAddress } from './viewer-args.js';

/** How long to wait for the hub to decide, and how often to ask. */
export const RELOAD_WAIT_MS = 30_000;
const POLL_MS = 100;

export async function reloadHub(
  address: HubAddress,
  stdout: Output,
  stderr: Output,
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  try {
    const hub = await findHub(address);
    const api = new HubApi(hub.url, hub.token, fetchImpl);
    let status = await api.reloadSidecar();
    const deadline = Date.now() + RELOAD_WAIT_MS;
    while (status.reloading) {
      if (Date.now() > deadline)
        throw new Error(`the reload did not finish within ${String(RELOAD_WAIT_MS / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      status = await api.sidecar();
    }
    return report(status, stdout, stderr);
  } catch (error) {
    stderr.write(`sidecast: ${(error as Error).message}\n`);
    return 1;
  }
}

function report(status: SidecarStatus, stdout: Output, stderr: Output): number {
  if (status.loadError !== undefined) {
    const kept = status.state === 'ready' ? '; the workers from before keep serving' : '';
    stderr.write(`sidecast: the reload failed${kept}:\n${status.loadError}\n`);
    return 1;
  }
  const names = (status.jobTypes ?? []).map((type) => type.name);
  stdout.write(`reloaded: ${String(names.length)} job types (${names.join(', ')})\n`);
  return 0;
}
