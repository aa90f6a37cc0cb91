/** The address and token of the hub a viewer command talks to. */
import { resolve } from 'node:path';
import { HUB_FILE, readHubFile } from '../hub-file.js';
import type { HubAddress } from './viewer-args.js';

export interface FoundHub {
  url: string;
  token: string;
}

/** `--url`/`--token` when given, else the data dir's `hub.json`; throws a sentence otherwise. */
export async function findHub(address: HubAddress): Promise<FoundHub> {
  const { url, token } = address;
  if (url !== undefined && token !== undefined) return { url, token };
  const file = resolve(address.dataDir, HUB_FILE);
  const written = await readHubFile(address.dataDir).catch(() => undefined);
  if (url !== undefined) {
    if (written === undefined)
      throw new Error(`--url needs --token (or $SIDECAST_TOKEN): ${file} names no hub`);
    return { url, token: written.token };
  }
  if (written === undefined)
    throw new Error(
      `no hub found: ${file} is missing or unreadable. Start one with \`sidecast\` in this folder, ` +
        'or pass --data-dir, or --url and --token.',
    );
  if (!processAlive(written.pid))
    throw new Error(`the hub that wrote ${file} (pid ${String(written.pid)}) is not running`);
  return { url: written.url, token: token ?? written.token };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
