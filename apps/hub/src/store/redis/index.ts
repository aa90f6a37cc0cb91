export { HUB_STOPPED, RedisStore } from './redis-store.js';
export { DEFAULT_REDIS_TIMINGS } from './options.js';
export type { RedisStoreOptions } from './options.js';
