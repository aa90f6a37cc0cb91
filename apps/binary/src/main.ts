/**
 * The executable's entry (bundled to one CommonJS script, as Node's SEA runs it): unpack the
 * web app and the sidecar it carries, then run the `sidecast` command line with them.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { getAsset } from 'node:sea';
import { runCli } from '@sidecast/hub/cli';
import { userCacheDir } from './cache-dir.js';
import { unpackPayload } from './payload.js';

async function main(): Promise<void> {
  const cacheRoot = join(userCacheDir(process.platform, process.env, homedir()), 'sidecast');
  const payload = await unpackPayload((key) => getAsset(key), cacheRoot);
  await runCli(process.argv.slice(2), process.env, payload);
}

main().catch((error: unknown) => {
  process.stderr.write(`sidecast: ${(error as Error).message}\n`);
  process.exit(1);
});
