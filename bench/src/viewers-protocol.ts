/** The messages between a benchmark and its viewers process (over Node's IPC channel). */

export type ToViewers =
  /** Open `count` clients; with `stallOne`, the first can later stop reading its socket. */
  | { type: 'connect'; url: string; token: string; count: number; stallOne: boolean }
  /**
   * Every client follows job `jobId` to its terminal status. `latency` records emit-to-receipt
   * times of log events: of those emitted from a second after each client's replay ended
   * (`live`), or from a second after it subscribed (`all`: a job flat out may never let a
   * viewer finish its replay before the end, and its queues are what is measured).
   * times of log events; `stall` makes the first client stop reading after its first batch.
   */
  | { type: 'follow'; jobId: string; latency: 'none' | 'live' | 'all'; stall: boolean }
  /** The stalled client reads again; the process answers `caught-up` when it has the job. */
  | { type: 'resume' }
  | { type: 'exit' };

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export type FromViewers =
  | { type: 'connected' }
  | {
      type: 'done';
      /** Events each client received (a stalled client's count so far). */
      counts: number[];
      /** Milliseconds from subscribing to the first event any client received. */
      firstEventMs: number;
      /** `wallNow()` when the last (non-stalled) client had it all. */
      lastAt: number;
      /** Milliseconds from subscribing to `lastAt`. */
      allEventsMs: number;
      latency?: LatencySummary;
    }
  | { type: 'caught-up'; count: number; ms: number };
