/**
 * A stalled viewer: 100 viewers follow a 500,000-event job and one of them stops reading its
 * socket after its first batch. What the stall makes the hub hold is measured against a
 * control, the same run with no viewer stalled. Both hubs first stream a 100,000-event job to
 * the same viewers, because V8 grows its heap to the allocation rate it has seen, tens of MB
 * that would drown the stall. The growth is the RSS once the other 99 have the whole job over
 * the RSS just before it, stalled run less control. Then the stalled viewer reads again and
 * catches up.
 */
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { withViewers, type Setup } from '../setup.js';

const VIEWERS = 100;
/** The first job, which brings V8's heap to this load; its size matters less than its rate. */
const WARM_UP_EVENTS = 100_000;

interface Sample {
  stalledGrowthBytes: number;
  controlGrowthBytes: number;
  catchUpMs: number;
}

/** Stream the job to every viewer; resolves with the hub's RSS growth once they have it. */
async function followJob(
  { hub, driver, pool }: Setup,
  stall: boolean,
  events = SETTINGS.stallEvents,
): Promise<{ growth: number; head: number }> {
  const before = (await hub.memory()).rss;
  const job = await driver.stream(events, 0);
  const done = await pool.follow(job.id, { stall });
  const growth = (await hub.memory()).rss - before;
  const { head } = await driver.ended(job.id);
  if (done.counts.slice(stall ? 1 : 0).some((count) => count !== head))
    throw new Error('a viewer that kept reading missed events');
  return { growth, head };
}

async function once(): Promise<Sample> {
  const control = await withViewers(VIEWERS, async (setup) => {
    await followJob(setup, false, WARM_UP_EVENTS);
    return followJob(setup, false);
  });
  return withViewers(
    VIEWERS,
    async (setup) => {
      await followJob(setup, false, WARM_UP_EVENTS);
      const { growth, head } = await followJob(setup, true);
      const caughtUp = await setup.pool.resume();
      if (caughtUp.count !== head)
        throw new Error(`the stalled viewer got ${String(caughtUp.count)} of ${String(head)}`);
      return {
        stalledGrowthBytes: growth,
        controlGrowthBytes: control.growth,
        catchUpMs: caughtUp.ms,
      };
    },
    true,
  );
}

export async function stall(): Promise<Row[]> {
  const samples = await repeat(SETTINGS.runs, once);
  const events = SETTINGS.stallEvents.toLocaleString('en');
  return [
    row(
      `hub RSS held for a stalled viewer (1 of 100, ${events} events; less the control)`,
      'MB',
      samples.map((s) => (s.stalledGrowthBytes - s.controlGrowthBytes) / 1e6),
      { atMost: 8 },
    ),
    row(
      'hub RSS growth over that job (after a first one), one viewer stalled',
      'MB',
      samples.map((s) => s.stalledGrowthBytes / 1e6),
    ),
    row(
      'hub RSS growth over that job (after a first one), none stalled (the control)',
      'MB',
      samples.map((s) => s.controlGrowthBytes / 1e6),
    ),
    row(
      'stalled viewer catch-up after it reads again',
      'ms',
      samples.map((s) => s.catchUpMs),
    ),
  ];
}
