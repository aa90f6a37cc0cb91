export { DEFAULT_EVENT_LOG_OPTIONS, EventLog } from './event-log.js';
export type { BatchListener, EventLogOptions, LoadedLog } from './event-log.js';
export type { LoggedEvent } from './logged-event.js';
export { loadLog } from './load-log.js';
export type { LoadReport } from './load-log.js';
export { newEpoch } from './epoch.js';
