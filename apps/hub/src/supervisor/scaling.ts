/**
 * How big the pool should be (DESIGN §5), as plain functions of its counts: enough workers
 * for the jobs waiting, one more kept warm so the next job never waits for Python to start,
 * never more than the pool's size.
 */
export interface PoolCounts {
  /** The pool's size (`--workers`). */
  size: number;
  /** Workers starting, idle or busy (not stopping), plus slots waiting out a backoff. */
  live: number;
  busy: number;
  /** Jobs waiting that a worker could take now. */
  waiting: number;
  /** `--eager`: the whole pool, always. */
  eager: boolean;
}

/** How many workers to start now. */
export function workersToStart(counts: PoolCounts): number {
  const wanted = counts.eager ? counts.size : counts.busy + counts.waiting + 1;
  return Math.max(0, Math.min(counts.size, wanted) - counts.live);
}

export interface IdleWorker {
  idleSince: number;
}

/**
 * The idle workers to stop: those idle for `idleMs` or longer, except the most recently
 * used one, which stays warm. None with `eager`.
 */
export function idleToStop<T extends IdleWorker>(
  idle: readonly T[],
  idleMs: number,
  now: number,
  eager: boolean,
): T[] {
  if (eager || idle.length <= 1) return [];
  const newestFirst = [...idle].sort((a, b) => b.idleSince - a.idleSince);
  return newestFirst.slice(1).filter((worker) => now - worker.idleSince >= idleMs);
}
