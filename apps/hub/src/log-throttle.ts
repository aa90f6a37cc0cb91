/**
 * A warning that can repeat once per request or per line is logged at most once per interval;
 * the next one logged says how many were held back meanwhile, so nothing goes unseen.
 */
import type { Logger, LogLevel } from './logger.js';

export class LogThrottle {
  private held = 0;
  private loggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Log `text` now, or count it if something was logged less than an interval ago. */
  report(level: LogLevel, text: string): void {
    const now = this.now();
    if (now - this.loggedAt < this.intervalMs) {
      this.held += 1;
      return;
    }
    const more = this.held > 0 ? ` (${String(this.held)} more like it before)` : '';
    this.log(level, text + more);
    this.loggedAt = now;
    this.held = 0;
  }
}
