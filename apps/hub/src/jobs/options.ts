import { LIMITS } from '@sidecast/protocol';
import { DEFAULT_EVENT_LOG_OPTIONS } from '../event-log/index.js';
import type { StoreOptions } from '../store/store-options.js';

/** How jobs run, and how the store keeps them. */
export interface JobsOptions extends Omit<StoreOptions, 'dataDir'> {
  /** Seconds a job may run when its job type sets no `timeout` (`--job-timeout`); none by default. */
  jobTimeoutS: number | undefined;
  /**
   * Characters of log text one job may store. Past it the job keeps running, but its further
   * log lines are dropped and counted; the log says where the cut is and how much was cut.
   */
  maxLogCharsPerJob: number;
  /**
   * Take jobs from the cluster's queue (`--serve-only` turns it off): a hub that does not
   * serves viewers and the API while the other hubs run the jobs. Always on for one hub.
   */
  runsJobs: boolean;
}

export const DEFAULT_JOBS_OPTIONS: JobsOptions = {
  jobTimeoutS: undefined,
  retainedFinishedJobs: LIMITS.retainedFinishedJobs,
  cachedLogs: 32,
  maxLogCharsPerJob: 256 * 1024 * 1024,
  eventLog: DEFAULT_EVENT_LOG_OPTIONS,
  runsJobs: true,
};
