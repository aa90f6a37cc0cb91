/**
 * The circuit breaker over the whole pool (DESIGN §5): consecutive failures to start a
 * worker open it; so does the same failure twice in a row, since a syntax error in a
 * `--jobs` file will not go away by trying again.
 */
export interface BreakerOptions {
  circuitBreakerFailures: number;
}

export interface StartFailure {
  /** The failure in words that are the same each time it happens (no pid). */
  signature: string;
  /** Whether the failure is the same every time it happens (an exit or a spawn error), not a timeout. */
  deterministic: boolean;
}

/** Whether the circuit opens after `failure`, the `failures`-th in a row after `previous`. */
export function circuitOpens(
  failures: number,
  failure: StartFailure,
  previous: string | undefined,
  options: BreakerOptions,
): boolean {
  if (failures >= options.circuitBreakerFailures) return true;
  return failure.deterministic && failures >= 2 && failure.signature === previous;
}
