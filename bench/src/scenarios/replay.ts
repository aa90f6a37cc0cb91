/**
 * Replay: a late viewer of a finished 1,000,000-event job, on the hub that ran it and on a
 * hub restarted on the same data dir (the log is then read from disk), each time with an
 * `@sidecast/client` viewer and with a light one (`light-viewers.ts`), which measures the hub.
 */
import { Driver } from '../driver.js';
import { startHubProcess, type HubProcess } from '../hub-process.js';
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { ViewerPool } from '../viewer-pool.js';

interface Sample {
  eventsPerSecond: number;
  firstEventMs: number;
}

interface Samples {
  client: Sample;
  light: Sample;
}

async function lateViewer(
  hub: HubProcess,
  jobId: string,
  head: number,
  light: boolean,
): Promise<Sample> {
  const pool = await ViewerPool.open(hub.url, hub.token, 1, false, light);
  try {
    const done = await pool.follow(jobId);
    if (done.counts[0] !== head)
      throw new Error(`the late viewer got ${String(done.counts[0])} of ${String(head)} events`);
    return { eventsPerSecond: head / (done.allEventsMs / 1000), firstEventMs: done.firstEventMs };
  } finally {
    await pool.close();
  }
}

export async function replay(): Promise<Row[]> {
  const first = await startHubProcess({ args: ['--eager'], nodeFlags: SETTINGS.hubNodeFlags });
  let jobId: string;
  let head: number;
  let warm: Samples[];
  try {
    const driver = await Driver.connect(first);
    const job = await driver.stream(SETTINGS.replayEvents, 0);
    ({ head } = await driver.ended(job.id));
    jobId = job.id;
    driver.close();
    warm = await repeat(SETTINGS.runs, async () => ({
      client: await lateViewer(first, jobId, head, false),
      light: await lateViewer(first, jobId, head, true),
    }));
  } finally {
    await first.stop({ keepData: true });
  }
  const restartedReplay = async (light: boolean): Promise<Sample> => {
    const restarted = await startHubProcess({
      dataDir: first.dataDir,
      nodeFlags: SETTINGS.hubNodeFlags,
    });
    try {
      return await lateViewer(restarted, jobId, head, light);
    } finally {
      await restarted.stop({ keepData: true });
    }
  };
  const cold = await repeat(SETTINGS.runs, async () => ({
    client: await restartedReplay(false),
    light: await restartedReplay(true),
  }));
  await first.remove();
  const events = SETTINGS.replayEvents.toLocaleString('en');
  return [
    row(
      `replay of ${events} events, client viewer, events/s`,
      'events/s',
      warm.map((s) => s.client.eventsPerSecond),
      { atLeast: 1_000_000 },
    ),
    row(
      `replay of ${events} events, client viewer, first event`,
      'ms',
      warm.map((s) => s.client.firstEventMs),
    ),
    row(
      `replay of ${events} events, light viewer, events/s`,
      'events/s',
      warm.map((s) => s.light.eventsPerSecond),
    ),
    row(
      `replay after a hub restart, client viewer, events/s`,
      'events/s',
      cold.map((s) => s.client.eventsPerSecond),
    ),
    row(
      `replay after a hub restart, client viewer, first event`,
      'ms',
      cold.map((s) => s.client.firstEventMs),
    ),
    row(
      `replay after a hub restart, light viewer, events/s`,
      'events/s',
      cold.map((s) => s.light.eventsPerSecond),
      { atLeast: 1_000_000 },
    ),
    row(
      `replay after a hub restart, light viewer, first event`,
      'ms',
      cold.map((s) => s.light.firstEventMs),
      { atMost: 50 },
    ),
  ];
}
