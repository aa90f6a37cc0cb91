/**
 * Cluster mode (DESIGN §11) beside the file store, in the same run. A `redis-server` on this
 * machine, one hub that runs the job (`--redis --eager`) and one that only serves
 * (`--redis --serve-only`), so the job always runs on the first: viewers on the running hub
 * get each batch once Redis has stored it; viewers on the other hub get it through Redis
 * pub/sub. Each run interleaves the file store's fan-out (`fanOutOnce`) with the cluster's,
 * and the ratios are taken run by run. Failover: kill -9 of a viewer's hub, which resumes at
 * once on another hub; the time from the kill to its first resumed event.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { jobChannel, parseServerMessage, type StoredEvent } from '@sidecast/protocol';
import { startRedis } from '@sidecast/test-support';
import { Driver } from '../driver.js';
import { startHubProcess, type HubProcess } from '../hub-process.js';
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { poolReady } from '../setup.js';
import { ViewerPool } from '../viewer-pool.js';
import { fanOutOnce } from './fan-out.js';
import { wallNow } from '../wall-clock.js';

interface ClusterSetup {
  runner: HubProcess;
  servers: HubProcess[];
  driver: Driver;
}

/** A Redis, a hub that runs jobs and `servers` hubs that do not; all stopped afterwards. */
async function withCluster<T>(
  servers: number,
  measure: (setup: ClusterSetup) => Promise<T>,
): Promise<T> {
  const redis = await startRedis();
  const token = randomBytes(24).toString('base64url');
  const cluster = ['--redis', redis.url, '--token', token];
  const hubs: HubProcess[] = [];
  try {
    const runner = await startHubProcess({
      args: [...cluster, '--eager'],
      nodeFlags: SETTINGS.hubNodeFlags,
    });
    hubs.push(runner);
    for (let i = 0; i < servers; i++)
      hubs.push(await startHubProcess({ args: [...cluster, '--serve-only'] }));
    const driver = await Driver.connect(runner);
    try {
      await poolReady(driver);
      return await measure({ runner, servers: hubs.slice(1), driver });
    } finally {
      driver.close();
    }
  } finally {
    for (const hub of hubs) await hub.stop();
    await redis.stop();
  }
}

/** Deliveries/s of one flat-out job to `viewers` viewers on the running hub or another. */
function clusterFanOut(viewers: number, where: 'running' | 'other'): Promise<number> {
  return withCluster(1, async ({ runner, servers, driver }) => {
    const hub = where === 'running' ? runner : servers[0];
    if (hub === undefined) throw new Error('no hub');
    const pool = await ViewerPool.open(hub.url, hub.token, viewers);
    try {
      const startedAt = wallNow();
      const job = await driver.stream(SETTINGS.fanOutEvents, 0);
      const done = await pool.follow(job.id);
      const { head } = await driver.ended(job.id);
      if (done.counts.some((count) => count !== head))
        throw new Error(`a viewer missed events: got ${done.counts.join(',')} of ${String(head)}`);
      return (head * viewers) / ((done.lastAt - startedAt) / 1000);
    } finally {
      await pool.close();
    }
  });
}

/** p50/p99 latency at `rate` lines/s to 100 viewers on the running hub or another. */
function clusterLatency(
  rate: number,
  where: 'running' | 'other',
): Promise<{ p50: number; p99: number }> {
  return withCluster(1, async ({ runner, servers, driver }) => {
    const hub = where === 'running' ? runner : servers[0];
    if (hub === undefined) throw new Error('no hub');
    const pool = await ViewerPool.open(hub.url, hub.token, 100);
    try {
      const job = await driver.stream(Math.round(rate * SETTINGS.latencySeconds), rate);
      const { latency } = await pool.follow(job.id, { latency: 'live' });
      if (latency === undefined) throw new Error('the viewers measured no latency');
      return latency;
    } finally {
      await pool.close();
    }
  });
}

/**
 * A viewer on hub one of a job paced at 1,000/s; hub one is killed (-9) and the viewer
 * subscribes at once on hub two from its last event. Returns the milliseconds from the kill
 * to the first resumed event, after checking that it lost and repeated nothing.
 */
function failover(): Promise<number> {
  return withCluster(2, async ({ servers, driver }) => {
    const [first, second] = servers;
    if (first === undefined || second === undefined) throw new Error('no hubs');
    const job = await driver.stream(6_000, 1_000);
    const seen: StoredEvent[] = [];
    let epoch = '';
    let onEvent: (() => void) | undefined;
    const watch = (hub: HubProcess, since?: { epoch: string; seq: number }): WebSocket => {
      const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}ws?token=${hub.token}`);
      socket.on('error', () => undefined);
      socket.on('open', () => {
        socket.send(
          JSON.stringify({
            type: 'subscribe',
            id: 's',
            channel: jobChannel(job.id),
            ...(since ? { since } : {}),
          }),
        );
      });
      socket.on('message', (data: Buffer) => {
        const parsed = parseServerMessage(data.toString('utf8'));
        if (!parsed.ok) return;
        const frame = parsed.value;
        if (frame.type === 'subscribed') epoch = frame.epoch;
        if (frame.type !== 'events') return;
        seen.push(...(frame.events as StoredEvent[]));
        onEvent?.();
      });
      return socket;
    };
    const before = watch(first);
    while (seen.length < 2_000) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(first.pid, 'SIGKILL');
    const killedAt = performance.now();
    before.terminate();
    const last = seen.at(-1)?.seq ?? 0;
    const resumed = new Promise<number>((resolve) => {
      onEvent = () => {
        onEvent = undefined;
        resolve(performance.now() - killedAt);
      };
    });
    const after = watch(second, { epoch, seq: last });
    const ms = await resumed;
    await driver.ended(job.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    after.terminate();
    if (seen.some(({ seq }, i) => seq !== i + 1))
      throw new Error('the viewer lost or repeated events across the failover');
    return ms;
  });
}

export async function cluster(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const viewers of [1, 100]) {
    const runs = await repeat(SETTINGS.runs, async () => {
      const file = (await fanOutOnce(viewers)).deliveriesPerSecond;
      const running = await clusterFanOut(viewers, 'running');
      const other = await clusterFanOut(viewers, 'other');
      return { file, running, other };
    });
    const label = `${String(viewers)} viewer(s), rate 0`;
    rows.push(
      row(
        `file store: deliveries/s, ${label}`,
        'events/s',
        runs.map((r) => r.file),
      ),
      row(
        `cluster, running hub: deliveries/s, ${label}`,
        'events/s',
        runs.map((r) => r.running),
      ),
      row(
        `cluster, another hub: deliveries/s, ${label}`,
        'events/s',
        runs.map((r) => r.other),
      ),
      row(
        `cluster running hub ÷ file store, ${label}`,
        '×',
        runs.map((r) => r.running / r.file),
        { atLeast: 0.7 },
      ),
      row(
        `cluster another hub ÷ file store, ${label}`,
        '×',
        runs.map((r) => r.other / r.file),
      ),
    );
  }
  const latencies = await repeat(SETTINGS.runs, async () => ({
    running: await clusterLatency(1_500, 'running'),
    other: await clusterLatency(1_500, 'other'),
  }));
  const p50Gap = latencies.map(({ running, other }) => other.p50 - running.p50);
  for (const where of ['running', 'other'] as const)
    for (const quantile of ['p50', 'p99'] as const)
      rows.push(
        row(
          `cluster, ${where === 'running' ? 'running hub' : 'another hub'}: latency at 1,500/s × 100 viewers, ${quantile}`,
          'ms',
          latencies.map((each) => each[where][quantile]),
        ),
      );
  rows.push(row('cluster, another hub − running hub, p50', 'ms', p50Gap, { atMost: 10 }));
  const failovers = await repeat(SETTINGS.runs, () => failover());
  rows.push(
    row(
      'cluster failover: kill -9 of the viewer’s hub to its first resumed event',
      'ms',
      failovers,
    ),
  );
  return rows;
}
