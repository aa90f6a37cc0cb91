/** Restart delays (DESIGN §5): doubling from the initial delay up to a cap, with jitter. */
export interface BackoffOptions {
  restartBackoffInitialMs: number;
  restartBackoffMaxMs: number;
  /** 0.2 spreads each delay uniformly over ±20 %. */
  restartBackoffJitter: number;
}

/** The delay before restart attempt number `failures` (1 for the first failure). */
export function restartDelay(
  failures: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(
    options.restartBackoffMaxMs,
    options.restartBackoffInitialMs * 2 ** Math.min(exponent, 30),
  );
  const spread = 1 + options.restartBackoffJitter * (2 * random() - 1);
  return Math.round(base * spread);
}
