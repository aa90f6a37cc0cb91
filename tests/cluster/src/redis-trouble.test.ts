import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, SIDECAST_MAIN } from '@sidecast/test-support';
import type { ErrorBody, Health, JobList } from '@sidecast/protocol';
import {
  CLUSTER_TOKEN,
  WITHOUT_REDIS,
  endedOn,
  jobOn,
  startCluster,
  startJob,
  type Cluster,
} from './cluster.js';
import { oneToN, RawViewer, seqs } from './raw-viewer.js';

let cluster: Cluster | undefined;
const viewers: RawViewer[] = [];

afterEach(async () => {
  for (const viewer of viewers.splice(0)) viewer.close();
  cluster?.redis.resume();
  await cluster?.stop();
  cluster = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(WITHOUT_REDIS)('Cluster when Redis is in trouble', () => {
  it('does not start a hub told to use a Redis that is not there, and says why', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        SIDECAST_MAIN,
        '--port',
        '0',
        '--redis',
        `redis://127.0.0.1:${String(port)}`,
        '--token',
        CLUSTER_TOKEN,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toContain(`could not use Redis at redis://127.0.0.1:${String(port)}`);
    expect(stderr).toContain('ECONNREFUSED');
  });

  it('keeps a job running through a 10 s stall of Redis, then delivers every event once, in order', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.hubs;
    if (a === undefined || b === undefined) throw new Error('no hubs');
    const job = await startJob(a, 'demo.stream', { lines: 1500, rate: 100 });
    const watching = [a, b].map((hub) => {
      const each = new RawViewer(job.id, CLUSTER_TOKEN);
      viewers.push(each);
      return { each, hub };
    });
    await Promise.all(watching.map(({ each, hub }) => each.moveTo(hub.origin)));
    await jobOn(a, job.id, ({ state }) => state === 'running');
    await sleep(1_500);

    cluster.redis.pause();
    const pausedAt = Date.now();
    await sleep(2_000);
    const refused = await a.api('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ jobType: 'demo.stream', params: { lines: 1 } }),
    });
    expect(refused.status).toBe(503);
    const { error } = (await refused.json()) as ErrorBody;
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/Redis .* cannot take new jobs now: it has not answered for/);
    const health = (await (await a.api('/api/health')).json()) as Health;
    expect(health).toMatchObject({ status: 'degraded', cluster: { redis: 'unavailable' } });
    // What the hub holds in memory is still served.
    const list = (await (await b.api('/api/jobs')).json()) as JobList;
    expect(list.jobs.map(({ id }) => id)).toContain(job.id);
    await sleep(10_000 - (Date.now() - pausedAt));
    cluster.redis.resume();

    await Promise.all(watching.map(({ each }) => each.done));
    const ended = await endedOn(b, job.id);
    expect(ended.state).toBe('completed');
    for (const { each } of watching) {
      expect(each.invalid).toEqual([]);
      expect(seqs(each.events)).toEqual(oneToN(ended.head));
    }
    // The job kept running (paced by its own clock), so its output spans the stall.
    const lines = watching[0]?.each.events.filter(({ kind }) => kind === 'log') ?? [];
    expect(lines.length).toBe(1500);
    expect((lines.at(-1)?.ts ?? 0) - (lines[0]?.ts ?? 0)).toBeGreaterThan(10_000);
    expect((await startJob(a, 'demo.stream', { lines: 1, rate: 0 })).state).toBe('queued');
  });

  it('keeps serving what it can when Redis is gone for good, and says what it cannot', async () => {
    cluster = await startCluster(1);
    const [a] = cluster.hubs;
    if (a === undefined) throw new Error('no hub');
    const job = await startJob(a, 'demo.stream', { lines: 100, rate: 20 });
    await jobOn(a, job.id, ({ state }) => state === 'running');
    await cluster.redis.stop();
    await sleep(1_500);

    const refused = await a.api('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ jobType: 'demo.stream', params: { lines: 1 } }),
    });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/Redis/);
    expect((await a.api('/api/health')).status).toBe(200);
    expect((await a.job(job.id))?.id).toBe(job.id);
    // The hub is alive, and its worker still runs the job.
    expect(a.child.exitCode).toBeNull();
    await sleep(1_000);
    expect(a.child.exitCode).toBeNull();
  });
});
