/** The latency figures a viewers process reports: median, 99th percentile and worst. */
import type { LatencySummary } from './viewers-protocol.js';

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

/** Sorts `latencies` in place. */
export function summarize(latencies: Float64Array): LatencySummary {
  const sorted = latencies.sort();
  return {
    samples: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
