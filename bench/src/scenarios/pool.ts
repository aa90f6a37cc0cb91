/**
 * The worker pool (DESIGN §5). `parallel`: four CPU-bound pure-Python jobs at once on a
 * pool of four, against one such job alone, in the same hub: processes, not threads
 * under one GIL, so on N cores four jobs take about 4/N times one (threads take 4×).
 * `job-start`: `POST /api/jobs` to the job's `running` status with a warm worker; and
 * after a worker is killed, how long until the pool is back to full strength.
 */
import { fileURLToPath } from 'node:url';
import { Driver } from '../driver.js';
import { startHubProcess } from '../hub-process.js';
import { repeat, row, SETTINGS, type Row } from '../measure.js';

const SPIN_JOBS = fileURLToPath(new URL('../../jobs/spin.py', import.meta.url));
const WORKERS = 4;
const STARTS = 40;

async function spinAll(driver: Driver, count: number): Promise<number> {
  const began = performance.now();
  const jobs = await Promise.all(
    Array.from({ length: count }, () => driver.client.start('bench.spin', {})),
  );
  for (const job of jobs) {
    const { state } = await driver.ended(job.id);
    if (state !== 'completed') throw new Error(`a spin job ended ${state}`);
  }
  return performance.now() - began;
}

export async function parallel(): Promise<Row[]> {
  const ratios: number[] = [];
  const alone: number[] = [];
  await repeat(SETTINGS.runs, async () => {
    const hub = await startHubProcess({
      args: ['--jobs', SPIN_JOBS, '--workers', String(WORKERS), '--eager'],
      nodeFlags: SETTINGS.hubNodeFlags,
    });
    const driver = await Driver.connect(hub);
    try {
      await driver.nextSidecar(
        (s) => s.workers.filter((w) => w.state === 'idle').length === WORKERS,
      );
      await spinAll(driver, 1); // warm: imports and caches
      const one = await spinAll(driver, 1);
      const four = await spinAll(driver, WORKERS);
      alone.push(one);
      ratios.push(four / one);
    } finally {
      driver.close();
      await hub.stop();
    }
  });
  return [
    row('parallel: one CPU-bound job alone', 'ms', alone),
    row(`parallel: ${String(WORKERS)} such jobs at once / one alone`, '×', ratios, { atMost: 2.3 }),
  ];
}

export async function jobStart(): Promise<Row[]> {
  const starts: number[] = [];
  const refills: number[] = [];
  await repeat(SETTINGS.runs, async () => {
    const hub = await startHubProcess({
      args: ['--workers', String(WORKERS), '--eager'],
      nodeFlags: SETTINGS.hubNodeFlags,
    });
    const driver = await Driver.connect(hub);
    try {
      const full = (s: { workers: { state: string }[] }): boolean =>
        s.workers.filter((w) => w.state === 'idle').length === WORKERS;
      await driver.nextSidecar(full);
      const times: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        // Wall clock on both sides: `startedAt` is the worker's own timestamp of `running`.
        const asked = Date.now();
        const job = await driver.client.start('demo.stream', { lines: 1, rate: 0 });
        const { startedAt } = await driver.ended(job.id);
        if (startedAt === undefined) throw new Error('the job never ran');
        times.push(startedAt - asked);
      }
      starts.push(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN);
      const pid = (await driver.client.sidecar()).workers[0]?.pid;
      if (pid === undefined) throw new Error('the pool has no worker');
      const killedAt = performance.now();
      const back = driver.nextSidecar((s) => full(s) && !s.workers.some((w) => w.pid === pid));
      process.kill(pid, 'SIGKILL');
      await back;
      refills.push(performance.now() - killedAt);
    } finally {
      driver.close();
      await hub.stop();
    }
  });
  return [
    row('job-start: POST /api/jobs to running, warm worker (p50 of 40)', 'ms', starts, {
      atMost: 20,
    }),
    row('job-start: a worker killed to the pool at full strength again', 'ms', refills),
  ];
}
