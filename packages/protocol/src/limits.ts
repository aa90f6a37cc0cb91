/**
 * Version and limits shared by the hub, the client and the sidecar. Python reads them
 * from `schema/constants.json`, which is generated from this file.
 */

/** The protocol's version; the hub refuses a sidecar that speaks another one. */
export const PROTOCOL_VERSION = 1;

const KiB = 1024;
const MiB = 1024 * KiB;

/** Sizes, counts and durations every side agrees on; each name carries its unit. */
export const LIMITS = {
  /** Longest line on the sidecar link (stdin/stdout), newline excluded. */
  maxLineBytes: MiB,
  /** Longest WebSocket message; a larger one closes the socket with 1009. */
  maxWsPayloadBytes: MiB,
  /** Largest REST request body; a larger one gets 413. */
  maxRequestBodyBytes: MiB,
  /**
   * Longest `log` event text; the sidecar splits longer lines, never drops them.
   * Six bytes a character (the worst JSON escape) still fits in one link line.
   */
  maxLogLineChars: 64 * KiB,
  /** Subscriptions one WebSocket may hold at once. */
  maxSubscriptionsPerSocket: 128,
  /** Newest events per job kept in memory; older ones are read from the log file. */
  eventRingSize: 2000,
  /** Bytes queued on one socket past which the hub stops pushing live frames to it. */
  wsHighWaterMarkBytes: MiB,
  /** How often the hub pings each WebSocket. */
  wsPingIntervalMs: 25_000,
  /** How long past a ping a silent WebSocket peer is kept before it is terminated. */
  wsPongTimeoutMs: 10_000,
  /** How long a freshly spawned worker has to send `ready`. */
  readyTimeoutMs: 10_000,
  /** How often the hub pings each worker. */
  heartbeatIntervalMs: 5_000,
  /** How long a worker has to answer a ping with `pong`. */
  heartbeatTimeoutMs: 2_000,
  /** Missed pongs in a row after which a worker's job fails and the worker is replaced. */
  heartbeatMaxMisses: 2,
  /** First restart delay; it doubles after each further failure. */
  restartBackoffInitialMs: 1_000,
  /** Longest restart delay. */
  restartBackoffMaxMs: 60_000,
  /** Random spread applied to each restart delay (0.2 = ±20 %). */
  restartBackoffJitter: 0.2,
  /** Healthy time after which the restart delay and failure count start over. */
  restartResetAfterMs: 10_000,
  /** Consecutive failures that open the circuit breaker. */
  circuitBreakerFailures: 5,
  /** Stop ladder: wait after `shutdown` + stdin close before SIGTERM. */
  shutdownGraceMs: 5_000,
  /** Stop ladder: wait after SIGTERM before SIGKILL. */
  terminateGraceMs: 2_000,
  /** How long the sidecar waits for cancelled jobs on shutdown; less than `shutdownGraceMs`. */
  sidecarShutdownWaitMs: 3_000,
  /** Worker processes in the pool (`--workers`), each running one job at a time. */
  defaultWorkers: 4,
  /** How long a cancelled job may keep running before its worker's process group is killed. */
  cancelGraceMs: 5_000,
  /** Idle time after which a worker beyond the one kept warm is stopped. */
  workerIdleMs: 60_000,
  /** Stderr lines kept per worker for diagnostics. */
  stderrTailLines: 200,
  /** Longest time an appended event may wait for fsync (terminal events are synced at once). */
  fsyncIntervalMs: 1_000,
  /** Finished jobs kept in the data dir; older ones are deleted. */
  retainedFinishedJobs: 500,
  /** Interval of `: keepalive` comments on an SSE stream. */
  sseKeepaliveMs: 15_000,
  /** Jobs `GET /api/jobs` returns without `limit`. */
  defaultJobListLimit: 100,
  /** Largest `limit` `GET /api/jobs` accepts. */
  maxJobListLimit: 1000,
  /** Events `GET /api/jobs/:id/events` returns without `limit`. */
  defaultEventPageLimit: 1000,
  /** Largest `limit` `GET /api/jobs/:id/events` accepts. */
  maxEventPageLimit: 10_000,
} as const;
