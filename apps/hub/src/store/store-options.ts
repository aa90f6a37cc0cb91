import type { EventLogOptions } from '../event-log/index.js';

/** What every store is given (the hub's `jobs` options and data dir). */
export interface StoreOptions {
  /** The data dir: the file store keeps jobs in its `jobs/` folder (DESIGN §7); every store keeps artifacts there. */
  dataDir: string;
  /** Finished jobs kept; older ones are deleted with their logs and artifacts. */
  retainedFinishedJobs: number;
  /** Finished jobs whose logs stay loaded after a read. */
  cachedLogs: number;
  eventLog: EventLogOptions;
}
