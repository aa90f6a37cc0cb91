import type { StoreOptions } from '../store-options.js';

export interface RedisStoreOptions extends StoreOptions {
  /** `redis://host:port/db` (`--redis`, `SIDECAST_REDIS_URL`). */
  url: string;
  /** The key prefix every hub of the cluster shares (`--cluster`). */
  cluster: string;
  /** Bytes of events this hub holds while Redis does not store them. */
  bufferBytes: number;
  /** How long a hub's registration lives unless renewed; a hub gone this long is dead. */
  hubTtlMs: number;
  /** How often a hub renews its registration and its hold on the jobs it claimed. */
  heartbeatMs: number;
  /** How often a hub looks for jobs of dead hubs. */
  sweepMs: number;
  /** A claimed job not started for this long (its hub died) is claimed by another hub. */
  claimIdleMs: number;
  /** A ping unanswered this long means Redis is stalled: new jobs get 503. */
  stallMs: number;
  /** How long a read (a page of events, a record) may wait for Redis. */
  readTimeoutMs: number;
}

export const DEFAULT_REDIS_TIMINGS = {
  bufferBytes: 64 * 1024 * 1024,
  hubTtlMs: 6_000,
  heartbeatMs: 1_500,
  sweepMs: 1_000,
  claimIdleMs: 10_000,
  stallMs: 1_000,
  readTimeoutMs: 5_000,
} satisfies Partial<RedisStoreOptions>;
