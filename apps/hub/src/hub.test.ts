import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub } from './hub.js';

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('startHub', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sidecast-hub-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('stops and frees its port when it cannot write hub.json, and says why', async () => {
    // A folder where the file should be: the write fails, as on a broken data dir.
    await mkdir(join(dataDir, 'hub.json'));
    await writeFile(join(dataDir, 'hub.json', 'keep'), '');
    const port = await freePort();
    await expect(
      startHub({ port, portFallback: false, dataDir, webRoot: undefined }),
    ).rejects.toThrow(/^could not write hub\.json in the data dir .+: EISDIR/);

    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });
});
