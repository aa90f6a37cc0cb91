/**
 * A stalled viewer: 100 viewers follow a 500,000-event job and one of them stops reading its
 * socket after its first batch. What the hub holds for it is its socket's queue, by the hub's
 * own count (`GET /api/stats`): the largest queue on one socket during the job (the stalled
 * one's, or a lagging viewer's, bounded the same way), and what is still queued once the
 * other 99 have the whole job (nothing, once the keepalive has cut off a viewer that reads
 * nothing). RSS is reported too, as growth over the job against a control run with no viewer
 * stalled, both in hubs that first streamed a 100,000-event job to the same viewers (V8 grows
 * its heap to the allocation rate it has seen); it moves by tens of MB from run to run, far
 * more than a socket's queue, so it carries no target. Then the stalled viewer reads again
 * and catches up.
 */
import { repeat, row, sampleMax, SETTINGS, type Row } from '../measure.js';
import { withViewers, type Setup } from '../setup.js';

const VIEWERS = 100;
/** The first job, which brings V8's heap to this load; its size matters less than its rate. */
const WARM_UP_EVENTS = 100_000;

interface Sample {
  heldBytes: number;
  peakQueueBytes: number;
  stalledGrowthBytes: number;
  controlGrowthBytes: number;
  catchUpMs: number;
}

/** Stream a job to every viewer; once they have it, what the hub holds and how its RSS grew. */
async function followJob(
  { hub, driver, pool }: Setup,
  stall: boolean,
  events = SETTINGS.stallEvents,
): Promise<{ growth: number; head: number; heldBytes: number; peakQueueBytes: number }> {
  const before = (await hub.memory()).rss;
  const peakQueue = sampleMax(async () => (await driver.stats()).maxQueuedBytes);
  const job = await driver.stream(events, 0);
  const done = await pool.follow(job.id, { stall });
  const { queuedBytes: heldBytes } = await driver.stats();
  const growth = (await hub.memory()).rss - before;
  const peakQueueBytes = await peakQueue();
  const { head } = await driver.ended(job.id);
  if (done.counts.slice(stall ? 1 : 0).some((count) => count !== head))
    throw new Error('a viewer that kept reading missed events');
  return { growth, head, heldBytes, peakQueueBytes };
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
      const { growth, head, heldBytes, peakQueueBytes } = await followJob(setup, true);
      const caughtUp = await setup.pool.resume();
      if (caughtUp.count !== head)
        throw new Error(`the stalled viewer got ${String(caughtUp.count)} of ${String(head)}`);
      return {
        heldBytes,
        peakQueueBytes,
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
      `largest queue on one socket, ${events}-event job, 1 of 100 viewers stalled`,
      'MB',
      samples.map((s) => s.peakQueueBytes / 1e6),
      { atMost: 8 },
    ),
    row(
      'bytes still queued once the other 99 have the job',
      'MB',
      samples.map((s) => s.heldBytes / 1e6),
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
