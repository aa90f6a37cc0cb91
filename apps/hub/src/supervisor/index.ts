export { HUB_STOPPED, SIDECAR_RESTARTED, Supervisor } from './supervisor.js';
export type { SupervisorEvents } from './supervisor.js';
export { BUNDLED_SIDECAR_PATH, DEFAULT_SUPERVISOR_OPTIONS } from './options.js';
export type { SupervisorOptions, SupervisorTimings } from './options.js';
