/** Pings the sidecar on an interval and counts pongs that do not come back in time. */
import type { SupervisorTimings } from './options.js';

export interface HeartbeatHandlers {
  /** Send ping `n`; false if it could not be sent. */
  ping(n: number): boolean;
  /** A ping went unanswered; `misses` counts them in a row. */
  missed(misses: number): void;
  /** A pong arrived after at least one miss. */
  answered(): void;
}

export class Heartbeat {
  private interval: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private n = 0;
  private awaiting: number | undefined;
  private misses = 0;

  constructor(
    private readonly timings: Pick<SupervisorTimings, 'heartbeatIntervalMs' | 'heartbeatTimeoutMs'>,
    private readonly handlers: HeartbeatHandlers,
  ) {}

  start(): void {
    this.stop();
    this.interval = setInterval(() => {
      this.beat();
    }, this.timings.heartbeatIntervalMs);
  }

  stop(): void {
    clearInterval(this.interval);
    clearTimeout(this.deadline);
    this.interval = undefined;
    this.awaiting = undefined;
    this.misses = 0;
  }

  pong(n: number): void {
    if (n !== this.awaiting) return;
    clearTimeout(this.deadline);
    this.awaiting = undefined;
    const recovered = this.misses > 0;
    this.misses = 0;
    if (recovered) this.handlers.answered();
  }

  private beat(): void {
    if (this.awaiting !== undefined) return;
    this.n += 1;
    const n = this.n;
    this.awaiting = n;
    this.handlers.ping(n);
    this.deadline = setTimeout(() => {
      if (this.awaiting !== n) return;
      this.awaiting = undefined;
      this.misses += 1;
      this.handlers.missed(this.misses);
    }, this.timings.heartbeatTimeoutMs);
  }
}
