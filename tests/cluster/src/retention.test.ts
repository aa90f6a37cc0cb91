import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '@sidecast/hub';
import { isTerminalState } from '@sidecast/protocol';
import { startRedis, waitFor, type RedisServer } from '@sidecast/test-support';
import { WITHOUT_REDIS } from './cluster.js';

let redis: RedisServer | undefined;
let client: Redis | undefined;
const hubs: RunningHub[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  client?.disconnect();
  await redis?.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function clusterHub(url: string, retained: number): Promise<RunningHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sidecast-retention-'));
  dirs.push(dataDir);
  const hub = await startHub({
    port: 0,
    dataDir,
    token: 'retention-test-token-0123456789',
    cluster: { url, cluster: 'retention' },
    jobs: { retainedFinishedJobs: retained },
  });
  hubs.push(hub);
  return hub;
}

describe.skipIf(WITHOUT_REDIS)('Cluster retention', () => {
  it('keeps the newest finished jobs of the whole cluster, in Redis and on every hub', async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    const a = await clusterHub(redis.url, 3);
    const b = await clusterHub(redis.url, 3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const hub = i % 2 === 0 ? a : b;
      const job = await hub.jobs.create('demo.stream', { lines: 3, rate: 0 });
      await waitFor(() => isTerminalState(hub.jobs.get(job.id)?.state ?? 'queued'), 15_000);
      ids.push(job.id);
    }
    const kept = ids.slice(2);
    const removed = ids.slice(0, 2);
    for (const hub of [a, b])
      await waitFor(() => hub.jobs.list(undefined, 100).length === 3, 10_000);
    for (const hub of [a, b])
      expect(
        hub.jobs
          .list(undefined, 100)
          .map(({ id }) => id)
          .sort(),
      ).toEqual([...kept].sort());
    expect((await client.hkeys('retention:jobs')).sort()).toEqual([...kept].sort());
    expect(await client.zcard('retention:finished')).toBe(3);
    for (const id of removed) expect(await client.exists(`retention:events:${id}`)).toBe(0);
    for (const id of kept) expect(await client.exists(`retention:events:${id}`)).toBe(1);
    // The files of a removed job go from the disk of the hub that ran it.
    const folders = (id: string): boolean[] => dirs.map((dir) => existsSync(join(dir, 'jobs', id)));
    await waitFor(() => removed.every((id) => !folders(id).includes(true)), 5_000);
    for (const id of kept) expect(folders(id)).toContain(true);
  });
});
