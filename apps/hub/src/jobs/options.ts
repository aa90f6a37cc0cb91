import { LIMITS } from '@sidecast/protocol';
import { DEFAULT_EVENT_LOG_OPTIONS, type EventLogOptions } from '../event-log/index.js';

export interface JobsOptions {
  /** The data dir; jobs live in its `jobs/` folder (DESIGN §7). */
  dataDir: string;
  /** Seconds a job may run when its job type sets no `timeout` (`--job-timeout`); none by default. */
  jobTimeoutS: number | undefined;
  /** Finished jobs kept; older ones are deleted with their logs and artifacts. */
  retainedFinishedJobs: number;
  /** Finished jobs whose logs stay loaded after a read. */
  cachedLogs: number;
  /**
   * Characters of log text one job may store. Past it the job keeps running, but its further
   * log lines are dropped and counted; the log says where the cut is and how much was cut.
   */
  maxLogCharsPerJob: number;
  eventLog: EventLogOptions;
}

export const DEFAULT_JOBS_OPTIONS: Omit<JobsOptions, 'dataDir'> = {
  jobTimeoutS: undefined,
  retainedFinishedJobs: LIMITS.retainedFinishedJobs,
  cachedLogs: 32,
  maxLogCharsPerJob: 256 * 1024 * 1024,
  eventLog: DEFAULT_EVENT_LOG_OPTIONS,
};
