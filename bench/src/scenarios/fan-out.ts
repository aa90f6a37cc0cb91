/**
 * Fan-out: one job streaming flat out (`demo.stream`, rate 0) to 1, 10 and 100 viewers.
 * Deliveries per second are events × viewers over the time from the start request to the
 * last viewer's terminal status; the hub's CPU time is divided by the deliveries.
 */
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { withViewers } from '../setup.js';
import { wallNow } from '../wall-clock.js';

export interface Sample {
  deliveriesPerSecond: number;
  cpuMicrosPerDelivery: number;
  peakRssBytes: number;
}

/** One run: a fresh hub on the file store, `viewers` viewers of one flat-out job. */
export function fanOutOnce(viewers: number): Promise<Sample> {
  return withViewers(viewers, async ({ hub, driver, pool }) => {
    const cpuBefore = await hub.cpuMicros();
    const startedAt = wallNow();
    const job = await driver.stream(SETTINGS.fanOutEvents, 0);
    const done = await pool.follow(job.id);
    const cpu = (await hub.cpuMicros()) - cpuBefore;
    const { head } = await driver.ended(job.id);
    if (done.counts.some((count) => count !== head))
      throw new Error(`a viewer missed events: got ${done.counts.join(',')} of ${String(head)}`);
    const deliveries = head * viewers;
    return {
      deliveriesPerSecond: deliveries / ((done.lastAt - startedAt) / 1000),
      cpuMicrosPerDelivery: cpu / deliveries,
      peakRssBytes: (await hub.memory()).peak,
    };
  });
}

export async function fanOut(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const viewers of SETTINGS.viewerCounts) {
    const samples = await repeat(SETTINGS.runs, () => fanOutOnce(viewers));
    const target =
      viewers === 1 ? { atLeast: 200_000 } : viewers === 100 ? { atLeast: 1_000_000 } : undefined;
    rows.push(
      row(
        `deliveries/s, ${String(viewers)} viewer(s), rate 0`,
        'events/s',
        samples.map((s) => s.deliveriesPerSecond),
        target,
      ),
      row(
        `hub CPU per delivery, ${String(viewers)} viewer(s)`,
        'µs',
        samples.map((s) => s.cpuMicrosPerDelivery),
      ),
    );
    if (viewers === 100)
      rows.push(
        row(
          'hub peak RSS, 100 viewers',
          'MB',
          samples.map((s) => s.peakRssBytes / 1e6),
          { atMost: 100 },
        ),
      );
  }
  return rows;
}
