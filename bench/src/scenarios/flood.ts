/**
 * An output flood: a job prints 300 MB as fast as it can, past the hub's 256 MiB per-job
 * cap, while one viewer follows it. What it measures is the hub's peak resident memory
 * (VmHWM) against its resident memory once ready: the per-job cap bounds what is stored,
 * and this is what bounds what is held meanwhile.
 */
import { fileURLToPath } from 'node:url';
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { withViewers } from '../setup.js';

const FLOOD_JOBS = fileURLToPath(new URL('../../jobs/flood.py', import.meta.url));

interface Sample {
  readyRssBytes: number;
  peakRssBytes: number;
  megabytesPerSecond: number;
}

function once(): Promise<Sample> {
  return withViewers(
    1,
    async ({ hub, driver, pool }) => {
      const readyRssBytes = (await hub.memory()).rss;
      const startedAt = performance.now();
      const job = await driver.client.start('bench.flood', { megabytes: SETTINGS.floodMegabytes });
      await pool.follow(job.id);
      const seconds = (performance.now() - startedAt) / 1000;
      const { state } = await driver.ended(job.id);
      if (state !== 'completed') throw new Error(`the flood ended ${state}`);
      return {
        readyRssBytes,
        peakRssBytes: (await hub.memory()).peak,
        megabytesPerSecond: SETTINGS.floodMegabytes / seconds,
      };
    },
    false,
    ['--jobs', FLOOD_JOBS],
  );
}

export async function flood(): Promise<Row[]> {
  const samples = await repeat(SETTINGS.runs, once);
  const size = `${String(SETTINGS.floodMegabytes)} MB`;
  return [
    row(
      `hub peak RSS during a ${size} output flood, 1 viewer`,
      'MB',
      samples.map((s) => s.peakRssBytes / 1e6),
      { atMost: 250 },
    ),
    row(
      'hub RSS when ready, before the flood',
      'MB',
      samples.map((s) => s.readyRssBytes / 1e6),
    ),
    row(
      `${size} output flood, printed to followed`,
      'MB/s',
      samples.map((s) => s.megabytesPerSecond),
    ),
  ];
}
