/**
 * Whether the cluster's Redis answers, as this hub sees it: a ping on the write connection
 * (so it waits behind this hub's writes, as a new job's would) every `intervalMs`. Redis is
 * stalled once a ping has waited `stallMs`. "Steady" is how long it has answered without a
 * stall: the hubs settle each other's jobs only when Redis has been steady long enough for
 * every hub to have renewed its registration, so a stall of Redis is never taken for the
 * death of a hub.
 */
import type { Redis } from 'ioredis';

export interface RedisHealthOptions {
  intervalMs: number;
  stallMs: number;
}

export class RedisHealth {
  private waitingSince: number | undefined;
  private lastTroubleAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisHealthOptions,
  ) {
    this.timer = setInterval(() => {
      this.tick();
    }, options.intervalMs);
    this.timer.unref();
  }

  /** Why Redis cannot take writes now, if it cannot. */
  problem(): string | undefined {
    const now = Date.now();
    if (this.redis.status !== 'ready') return `the connection is ${this.redis.status}`;
    if (this.waitingSince !== undefined && now - this.waitingSince > this.options.stallMs)
      return `it has not answered for ${((now - this.waitingSince) / 1000).toFixed(1)} s`;
    return undefined;
  }

  /** Redis has answered without trouble for at least `ms`. */
  steadyFor(ms: number): boolean {
    return this.problem() === undefined && Date.now() - this.lastTroubleAt >= ms;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.problem() !== undefined) this.lastTroubleAt = Date.now();
    if (this.waitingSince !== undefined) return;
    const sent = Date.now();
    this.waitingSince = sent;
    this.redis.ping().then(
      () => {
        this.waitingSince = undefined;
        if (Date.now() - sent > this.options.stallMs) this.lastTroubleAt = Date.now();
      },
      () => {
        this.waitingSince = undefined;
        this.lastTroubleAt = Date.now();
      },
    );
  }
}
