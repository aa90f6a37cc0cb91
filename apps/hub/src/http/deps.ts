/** What the REST routes run on. */
import type { GatewayStats } from '../gateway/gateway.js';
import type { Jobs } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor/index.js';
import type { Forwarder } from './forward.js';
import type { SecurityPolicy } from './security/policy.js';

export interface AppDeps {
  jobs: Jobs;
  supervisor: Supervisor;
  policy: SecurityPolicy;
  log: Logger;
  /** The hub's version, shown by `/api/health`. */
  version: string;
  /** A built web app to serve at `/`, if there is one. */
  webRoot: string | undefined;
  /** Interval of SSE keepalive comments. */
  sseKeepaliveMs: number;
  /** Serves a request from another hub of the cluster, which has what it asks for. */
  forward: Forwarder;
  /** The WebSocket gateway's counts, for `/api/stats`. */
  gatewayStats: () => GatewayStats;
}
