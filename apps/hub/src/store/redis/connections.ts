/**
 * The connections one hub keeps to the cluster's Redis, one per kind of traffic so that
 * none waits behind another: writes (in order, never given up on: a stalled Redis gets
 * them once it answers), reads (given up on after a while, so a request gets a clear 503),
 * the blocking queue read, and pub/sub.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../logger.js';

/** Redis 7 is what DESIGN §11 asks for; XAUTOCLAIM itself needs 6.2. */
const OLDEST_REDIS = [6, 2];

export interface RedisConnections {
  writes: Redis;
  reads: Redis;
  blocking: Redis;
  subscriber: Redis;
  /**
   * `work` (a write), or undefined as soon as the write connection is down: what it sent
   * stays queued, in order, for when Redis is back, but nobody waits for a Redis that is gone.
   */
  whileConnected<T>(work: Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

/** How long closing waits for Redis to answer QUIT. */
const QUIT_MS = 1_000;

export interface ConnectOptions {
  url: string;
  /** How long a read may wait for Redis before it fails. */
  readTimeoutMs: number;
}

/** Connect, or throw an error that names the address and why. */
export async function connectRedis(
  options: ConnectOptions,
  log: Logger,
): Promise<RedisConnections> {
  const base: RedisOptions = {
    lazyConnect: true,
    connectionName: 'sidecast',
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  };
  const open = (name: string, extra: RedisOptions): Redis => {
    const redis = new Redis(options.url, { ...base, ...extra });
    // One line when a connection is lost and one when it is back, not one per retry.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) log('warning', `Redis (${name}): ${error.message}; retrying`);
      down = true;
    });
    redis.on('ready', () => {
      if (down) log('info', `Redis (${name}) is back`);
      down = false;
    });
    return redis;
  };
  const connections = {
    writes: open('writes', { maxRetriesPerRequest: null }),
    reads: open('reads', { maxRetriesPerRequest: 1, commandTimeout: options.readTimeoutMs }),
    blocking: open('queue', { maxRetriesPerRequest: null }),
    subscriber: open('pub/sub', { maxRetriesPerRequest: null }),
  };
  const all = Object.values(connections);
  const close = async (): Promise<void> => {
    await Promise.all(
      all.map(async (redis) => {
        if (redis.status === 'ready')
          await Promise.race([redis.quit().catch(() => undefined), sleep(QUIT_MS)]);
        redis.disconnect();
      }),
    );
  };
  const { writes } = connections;
  let lost = lostPromise(writes);
  writes.on('ready', () => {
    lost = lostPromise(writes);
  });
  const whileConnected = <T>(work: Promise<T>): Promise<T | undefined> => {
    if (writes.status !== 'ready') {
      work.catch(() => undefined);
      return Promise.resolve(undefined);
    }
    return Promise.race([work, lost]);
  };
  try {
    // The first attempt decides: a hub told to use a Redis that is not there does not start.
    await connections.writes.connect();
    await checkVersion(connections.writes);
    await Promise.all(all.slice(1).map((redis) => redis.connect()));
  } catch (error) {
    for (const redis of all) redis.disconnect();
    throw new Error(
      `could not use Redis at ${redactUrl(options.url)}: ${(error as Error).message}`,
    );
  }
  return { ...connections, whileConnected, close };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Resolves (with nothing) when `redis` loses its connection. */
function lostPromise(redis: Redis): Promise<undefined> {
  return new Promise((resolve) => {
    redis.once('close', () => {
      resolve(undefined);
    });
  });
}

async function checkVersion(redis: Redis): Promise<void> {
  const info = await redis.info('server');
  const version = /redis_version:(\d+)\.(\d+)/.exec(info);
  const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
  const [oldestMajor = 0, oldestMinor = 0] = OLDEST_REDIS;
  if (major < oldestMajor || (major === oldestMajor && minor < oldestMinor))
    throw new Error(
      `it is Redis ${String(major)}.${String(minor)}; cluster mode needs 6.2 or later (7 is tested)`,
    );
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
