/**
 * A cluster for a test: a real `redis-server` and hubs as real processes of the built CLI
 * (`sidecast --redis …`), each with its own data dir and the shared token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTerminalState, type Health, type Job } from '@sidecast/protocol';
import {
  hasRedisServer,
  spawnHub,
  startRedis,
  type HubProcess,
  type RedisServer,
} from '@sidecast/test-support';

export const CLUSTER_TOKEN = 'cluster-test-token-0123456789';

/**
 * Whether the tests that need a real `redis-server` run: CI installs one (`.ci/run`), and
 * there a missing one fails them; on a machine without it they are skipped, saying so.
 */
export const WITHOUT_REDIS = !hasRedisServer() && process.env.CI === undefined;
if (WITHOUT_REDIS)
  console.warn(
    'cluster tests skipped: redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)',
  );

export interface ClusterHub extends HubProcess {
  name: string;
  /** Its name in the cluster: what `job.hub` says for the jobs it runs. */
  hubId: string;
  port: number;
  /** Call the hub's REST API with the token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** The job as this hub lists it. */
  job(id: string): Promise<Job | undefined>;
  /** kill -9: no goodbye to Redis, its workers lose their lifeline. */
  kill(): Promise<void>;
}

export interface Cluster {
  redis: RedisServer;
  hubs: ClusterHub[];
  /** Start one more hub on the same Redis. */
  addHub(args?: string[]): Promise<ClusterHub>;
  stop(): Promise<void>;
}

export async function startCluster(count: number, args: string[] = []): Promise<Cluster> {
  const redis = await startRedis();
  const dir = await mkdtemp(join(tmpdir(), 'sidecast-cluster-'));
  const hubs: ClusterHub[] = [];
  const addHub = async (extra: string[] = args): Promise<ClusterHub> => {
    const name = String.fromCharCode(65 + hubs.length);
    const hub = await spawnHub([
      '--redis',
      redis.url,
      '--token',
      CLUSTER_TOKEN,
      '--data-dir',
      join(dir, name),
      ...extra,
    ]);
    const api = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${hub.origin}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${CLUSTER_TOKEN}`,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    const health = (await (await api('/api/health')).json()) as Health;
    const clusterHub: ClusterHub = {
      ...hub,
      name,
      hubId: health.cluster?.hub ?? '',
      port: Number(new URL(hub.origin).port),
      api,
      job: async (id) => {
        const response = await api(`/api/jobs/${id}`);
        return response.ok ? ((await response.json()) as { job: Job }).job : undefined;
      },
      kill: async () => {
        hub.child.kill('SIGKILL');
        await hub.exited;
      },
    };
    hubs.push(clusterHub);
    return clusterHub;
  };
  for (let i = 0; i < count; i++) await addHub();
  return {
    redis,
    hubs,
    addHub,
    stop: async () => {
      for (const hub of hubs) {
        if (hub.child.exitCode !== null || hub.child.signalCode !== null) continue;
        hub.child.stdin?.end();
        await hub.exited;
      }
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Start a job on `hub` over REST. */
export async function startJob(
  hub: ClusterHub,
  jobType: string,
  params: Record<string, unknown>,
): Promise<Job> {
  const response = await hub.api('/api/jobs', {
    method: 'POST',
    body: JSON.stringify({ jobType, params }),
  });
  const body = (await response.json()) as { job: Job };
  if (response.status !== 201) throw new Error(`start failed: ${JSON.stringify(body)}`);
  return body.job;
}

/** Poll `hub` until the job is in a terminal state (or `timeoutMs` passes). */
export async function endedOn(hub: ClusterHub, id: string, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await hub.job(id);
    if (job !== undefined && isTerminalState(job.state)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${id} on hub ${hub.name} is still ${job?.state ?? 'unknown'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Poll `hub` until `check` holds for the job. */
export async function jobOn(
  hub: ClusterHub,
  id: string,
  check: (job: Job) => boolean,
  timeoutMs = 15_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await hub.job(id);
    if (job !== undefined && check(job)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${id} on hub ${hub.name}: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
