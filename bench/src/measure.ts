/** What every scenario shares: the settings, repetition, medians, and result rows. */

/** Settings, from the environment so a quick run needs no code change. */
export const SETTINGS = {
  runs: Number(process.env.BENCH_RUNS ?? 3),
  fanOutEvents: Number(process.env.BENCH_FAN_OUT_EVENTS ?? 200_000),
  viewerCounts: (process.env.BENCH_VIEWERS ?? '1,10,100').split(',').map(Number),
  latencyRates: (process.env.BENCH_LATENCY_RATES ?? '500,1500').split(',').map(Number),
  latencySeconds: Number(process.env.BENCH_LATENCY_SECONDS ?? 6),
  replayEvents: Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000),
  stallEvents: Number(process.env.BENCH_STALL_EVENTS ?? 500_000),
  floodMegabytes: Number(process.env.BENCH_FLOOD_MB ?? 300),
  /** Node flags for every hub, e.g. `--cpu-prof --cpu-prof-dir=bench/out/profiles`. */
  hubNodeFlags: (process.env.BENCH_HUB_NODE_FLAGS ?? '').split(' ').filter(Boolean),
};

/** One line of the results table. */
export interface Row {
  measurement: string;
  /** The median of the runs, in `unit`. */
  value: number;
  unit: string;
  /** Every run's value, for the JSON. */
  runs: number[];
  /** The target, where the issue sets one: `value` must be at least / at most this. */
  target?: { atLeast: number } | { atMost: number };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** A row whose value is the median of `runs`. */
export function row(
  measurement: string,
  unit: string,
  runs: number[],
  target?: Row['target'],
): Row {
  return { measurement, value: median(runs), unit, runs, ...(target ? { target } : {}) };
}

/** Whether a row meets its target (true when it has none). */
export function meets({ value, target }: Row): boolean {
  if (target === undefined) return true;
  return 'atLeast' in target ? value >= target.atLeast : value <= target.atMost;
}

/** Run `once` `times` times in a row, collecting what each run measured. */
export async function repeat<T>(times: number, once: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < times; run++) results.push(await once(run));
  return results;
}

/** Sample `sample` every `everyMs` until stopped; resolves with the largest value seen. */
export function sampleMax(sample: () => Promise<number>, everyMs = 25): () => Promise<number> {
  let max = -Infinity;
  const state = { stopped: false };
  const loop = (async () => {
    while (!state.stopped) {
      max = Math.max(max, await sample());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    state.stopped = true;
    await loop;
    return max;
  };
}
