/**
 * The store a hub runs on: its data dir (the embedded default), or with `--redis` the
 * cluster's Redis. The Redis code is loaded only then.
 */
import type { Logger } from '../logger.js';
import { FileStore } from './file/file-store.js';
import type { JobStore } from './job-store.js';
import type { RedisStoreOptions } from './redis/options.js';
import type { StoreOptions } from './store-options.js';

/** The key prefix of a cluster started without `--cluster`. */
export const DEFAULT_CLUSTER = 'sidecast';

/** `--redis` and `--cluster`, and the cluster's timings and limits where a test needs others. */
export type ClusterOptions = Pick<RedisStoreOptions, 'url' | 'cluster'> &
  Partial<Omit<RedisStoreOptions, keyof StoreOptions | 'url' | 'cluster'>>;

export async function openStore(
  options: StoreOptions,
  cluster: ClusterOptions | undefined,
  log: Logger,
): Promise<JobStore> {
  if (cluster === undefined) return new FileStore(options, log);
  const { RedisStore, DEFAULT_REDIS_TIMINGS } = await import('./redis/index.js');
  return RedisStore.open({ ...options, ...DEFAULT_REDIS_TIMINGS, ...cluster }, log);
}
