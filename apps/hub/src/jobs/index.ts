export { Jobs } from './jobs.js';
export type { JobChangeKind, JobsEvents } from './jobs.js';
export { DEFAULT_JOBS_OPTIONS } from './options.js';
export type { JobsOptions } from './options.js';
