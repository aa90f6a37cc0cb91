/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable across the bench's
 * processes and with Python's `time.time()` in the events: the monotonic clock, re-anchored
 * to the wall clock every second. A fixed anchor (`performance.timeOrigin`) drifts from the
 * wall clock by milliseconds per second while NTP slews it, and processes started at
 * different times then disagree by that much (seen here as negative latencies).
 */
const REANCHOR_MS = 1_000;
let anchorWall = 0;
let anchorMono = -Infinity;

function anchor(): void {
  // Wait for the wall clock's millisecond to tick, so the anchor is exact to the tick.
  const start = Date.now();
  let wall = start;
  while (wall === start) wall = Date.now();
  anchorWall = wall;
  anchorMono = performance.now();
}

export function wallNow(): number {
  if (performance.now() - anchorMono > REANCHOR_MS) anchor();
  return anchorWall + (performance.now() - anchorMono);
}
