/** The hub as a library: start one in-process (a desktop shell, a test, a benchmark). */
export {
  startHub,
  JobCodeError,
  newToken,
  DEFAULT_HUB_OPTIONS,
  DEFAULT_DATA_DIR,
  BUNDLED_WEB_ROOT,
  type HubOptions,
  type RunningHub,
} from './hub.js';
export { DEFAULT_GATEWAY_OPTIONS, type GatewayOptions } from './gateway/options.js';
export type { GatewayStats } from './gateway/gateway.js';
export { HUB_FILE, readHubFile, type HubFile } from './hub-file.js';
export { stderrLogger, silentLogger, type Logger } from './logger.js';
