/**
 * A stalled viewer: 100 viewers follow a 500,000-event job and one of them stops reading its
 * socket after its first batch. The growth it causes is the hub's RSS once the other 99 have
 * the whole job, while the stalled one still has not read it, over the RSS just before the
 * job; the peak during the job (which includes the other viewers' traffic) is reported too.
 * Then the stalled viewer reads again and catches up.
 */
import { repeat, row, sampleMax, SETTINGS, type Row } from '../measure.js';
import { withViewers } from '../setup.js';

const VIEWERS = 100;

interface Sample {
  growthBytes: number;
  peakGrowthBytes: number;
  catchUpMs: number;
}

function once(): Promise<Sample> {
  return withViewers(
    VIEWERS,
    async ({ hub, driver, pool }) => {
      const before = (await hub.memory()).rss;
      const peak = sampleMax(async () => (await hub.memory()).rss);
      const job = await driver.stream(SETTINGS.stallEvents, 0);
      const done = await pool.follow(job.id, { stall: true });
      const peakGrowthBytes = (await peak()) - before;
      const growthBytes = (await hub.memory()).rss - before;
      const { head } = await driver.ended(job.id);
      if (done.counts.slice(1).some((count) => count !== head))
        throw new Error('a viewer that kept reading missed events');
      const caughtUp = await pool.resume();
      if (caughtUp.count !== head)
        throw new Error(`the stalled viewer got ${String(caughtUp.count)} of ${String(head)}`);
      return { growthBytes, peakGrowthBytes, catchUpMs: caughtUp.ms };
    },
    true,
  );
}

export async function stall(): Promise<Row[]> {
  const samples = await repeat(SETTINGS.runs, once);
  const events = SETTINGS.stallEvents.toLocaleString('en');
  return [
    row(
      `hub RSS growth held for a stalled viewer (1 of 100), ${events} events`,
      'MB',
      samples.map((s) => s.growthBytes / 1e6),
      { atMost: 8 },
    ),
    row(
      'hub RSS peak growth during that job (all 100 viewers)',
      'MB',
      samples.map((s) => s.peakGrowthBytes / 1e6),
    ),
    row(
      'stalled viewer catch-up after it reads again',
      'ms',
      samples.map((s) => s.catchUpMs),
    ),
  ];
}
