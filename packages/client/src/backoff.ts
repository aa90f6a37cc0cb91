import type { ReconnectOptions } from './options.js';

/** The wait before reconnect attempt `attempt` (0 for the first after a drop). */
export function reconnectDelay(
  options: ReconnectOptions,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return Math.round(base * (1 + options.jitter * (2 * random() - 1)));
}
