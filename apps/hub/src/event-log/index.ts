export { DEFAULT_EVENT_LOG_OPTIONS, EventLog } from './event-log.js';
export type { BatchListener, EventLogOptions, LoadedLog, LoggedEvent } from './event-log.js';
export { loadLog } from './load-log.js';
export type { LoadReport } from './load-log.js';
export { newEpoch } from './epoch.js';
