/**
 * Latency: the sidecar paced at 500 and 1,500 log lines a second, 100 viewers. Each line's
 * latency is from its timestamp in Python (`time.time()`) to its receipt by a viewer, on the
 * same machine and clock. Latency is steady-state: only lines emitted from one second after a
 * viewer's replay ended (`synced`) count. The job starts before the viewers subscribe, so
 * earlier lines would measure how long subscribing took, and the first second is the warm-up
 * of one process that has just taken 100 subscriptions at once.
 */
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { withViewers } from '../setup.js';
import { wallNow } from '../wall-clock.js';

const VIEWERS = 100;

function once(rate: number): Promise<{ p50: number; p99: number }> {
  return withViewers(VIEWERS, async ({ driver, pool }) => {
    const job = await driver.stream(Math.round(rate * SETTINGS.latencySeconds), rate);
    const { latency } = await pool.follow(job.id, { latency: 'live' });
    if (latency === undefined) throw new Error('the viewers measured no latency');
    return latency;
  });
}

/** Events of the flat-out run: long enough for seconds of samples past the warm-up. */
const FLAT_OUT_EVENTS = 1_000_000;

/**
 * One viewer of a job logging flat out: how long a line waits between `print()` and the
 * viewer when nothing paces it, which is what the sidecar's and the hub's queues hold.
 */
function flatOutOnce(): Promise<{ p50: number; p99: number; eventsPerSecond: number }> {
  return withViewers(1, async ({ driver, pool }) => {
    const startedAt = wallNow();
    const job = await driver.stream(FLAT_OUT_EVENTS, 0);
    const done = await pool.follow(job.id, { latency: 'all' });
    if (done.latency === undefined) throw new Error('the viewer measured no latency');
    const { head } = await driver.ended(job.id);
    return { ...done.latency, eventsPerSecond: head / ((done.lastAt - startedAt) / 1000) };
  });
}

export async function latency(): Promise<Row[]> {
  const rows: Row[] = [];
  const flat = await repeat(SETTINGS.runs, () => flatOutOnce());
  rows.push(
    row(
      'latency, 1 client viewer flat out, p50',
      'ms',
      flat.map((s) => s.p50),
    ),
    row(
      'latency, 1 client viewer flat out, p99',
      'ms',
      flat.map((s) => s.p99),
      { atMost: 50 },
    ),
    row(
      'events/s of that run',
      'events/s',
      flat.map((s) => s.eventsPerSecond),
    ),
  );
  for (const rate of SETTINGS.latencyRates) {
    const samples = await repeat(SETTINGS.runs, () => once(rate));
    const label = `latency at ${rate.toLocaleString('en')}/s × ${String(VIEWERS)} viewers`;
    rows.push(
      row(
        `${label}, p50`,
        'ms',
        samples.map((s) => s.p50),
      ),
      row(
        `${label}, p99`,
        'ms',
        samples.map((s) => s.p99),
        rate >= 1500 ? { atMost: 10 } : undefined,
      ),
    );
  }
  return rows;
}
