/**
 * The hub against the bare forwarder (`bare-forwarder.ts`), the physical limit of this
 * architecture here: the same flat-out job to the same light viewers (`light-viewers.ts`),
 * hub and forwarder in turn within each run, the ratio taken run by run; then both paced at
 * 1,500 lines/s to 100 light viewers, and their peak RSS at 100 viewers flat out. With one
 * viewer it also reads the CPU time each process spent per event (the Python producer, the
 * Node middle, the viewer): on two cores their sum bounds the rate.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FromForwarder, ToForwarder } from '../bare-forwarder.js';
import { Driver } from '../driver.js';
import { processMemory, startHubProcess } from '../hub-process.js';
import { repeat, row, SETTINGS, type Row } from '../measure.js';
import { cpuPerEvent, ownCpuMicros, treeCpu, type TreeCpu } from '../process-cpu.js';
import { poolReady } from '../setup.js';
import { ViewerPool } from '../viewer-pool.js';
import { wallNow } from '../wall-clock.js';

const FORWARDER = fileURLToPath(new URL('../bare-forwarder.ts', import.meta.url));
const PACED_RATE = 1_500;
/** One viewer's job runs long enough for seconds of latency samples past the warm-up. */
const ONE_VIEWER_EVENTS = 1_000_000;
/** Light viewers send `subscribe` on `follow`; the forwarder has no replay to make up for a late one. */
const SUBSCRIBE_MS = 300;

/** CPU µs per event of each process of one run. */
interface CpuPerEvent {
  producer: number;
  middle: number;
  viewer: number;
}

interface Sample {
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  cpu: CpuPerEvent;
}

/** Reads the middle process (whose descendants are the producer) and the viewer process. */
async function readCpu(middle: number, viewer: number): Promise<[TreeCpu, number]> {
  return Promise.all([treeCpu(middle), ownCpuMicros(viewer)]);
}

function perEvent(
  [middleBefore, viewerBefore]: [TreeCpu, number],
  [middleAfter, viewerAfter]: [TreeCpu, number],
  events: number,
): CpuPerEvent {
  const middle = cpuPerEvent(middleBefore, middleAfter, events);
  return {
    producer: middle.descendants,
    middle: middle.own,
    viewer: (viewerAfter - viewerBefore) / events,
  };
}

function answer(child: ChildProcess, type: FromForwarder['type']): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: FromForwarder): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
  });
}

async function bareOnce(viewers: number, rate: number, lines: number): Promise<Sample> {
  const child = fork(FORWARDER, [], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => {
    child.once('message', (message: FromForwarder) => {
      if (message.type === 'listening') resolve(message.port);
    });
  });
  const pool = await ViewerPool.open(
    `http://127.0.0.1:${String(port)}`,
    'none',
    viewers,
    false,
    true,
  );
  try {
    const done = pool.follow('bare', { latency: 'all' });
    await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_MS));
    const ran = answer(child, 'ran');
    const cpuBefore = await readCpu(child.pid ?? 0, pool.pid);
    const startedAt = wallNow();
    child.send({ type: 'run', lines, rate } satisfies ToForwarder);
    const result = await done;
    await ran;
    return {
      deliveriesPerSecond: ((lines + 1) * viewers) / ((result.lastAt - startedAt) / 1000),
      p50: result.latency?.p50 ?? NaN,
      p99: result.latency?.p99 ?? NaN,
      peakRssMb: (await processMemory(child.pid ?? 0)).peak / 1e6,
      cpu: perEvent(cpuBefore, await readCpu(child.pid ?? 0, pool.pid), lines + 1),
    };
  } finally {
    await pool.close();
    const exited = once(child, 'exit');
    child.send({ type: 'exit' } satisfies ToForwarder);
    await exited;
  }
}

async function hubOnce(viewers: number, rate: number, lines: number): Promise<Sample> {
  const hub = await startHubProcess({ args: ['--eager'], nodeFlags: SETTINGS.hubNodeFlags });
  const driver = await Driver.connect(hub);
  const pool = await ViewerPool.open(hub.url, hub.token, viewers, false, true);
  try {
    await poolReady(driver);
    const cpuBefore = await readCpu(hub.pid, pool.pid);
    const startedAt = wallNow();
    const job = await driver.stream(lines, rate);
    const result = await pool.follow(job.id, { latency: 'all' });
    const { head } = await driver.ended(job.id);
    return {
      deliveriesPerSecond: (head * viewers) / ((result.lastAt - startedAt) / 1000),
      p50: result.latency?.p50 ?? NaN,
      p99: result.latency?.p99 ?? NaN,
      peakRssMb: (await hub.memory()).peak / 1e6,
      cpu: perEvent(cpuBefore, await readCpu(hub.pid, pool.pid), head),
    };
  } finally {
    await pool.close();
    driver.close();
    await hub.stop();
  }
}

/** How the rows name each side and its processes. */
const SIDES = {
  bare: { name: 'bare forwarder', producer: 'Python emitter', middle: 'Node forwarder' },
  hub: { name: 'hub', producer: 'Python sidecar', middle: 'hub' },
} as const;

/** Each process's CPU per event, and the three together, for the forwarder then the hub. */
function cpuRows(runs: readonly { bare: Sample; hub: Sample }[], label: string): Row[] {
  return (['bare', 'hub'] as const).flatMap((who) => {
    const part = (title: string, value: (cpu: CpuPerEvent) => number): Row =>
      row(
        `${SIDES[who].name}: CPU per event, ${title}, ${label}`,
        'µs',
        runs.map((r) => value(r[who].cpu)),
      );
    return [
      part(SIDES[who].producer, (cpu) => cpu.producer),
      part(SIDES[who].middle, (cpu) => cpu.middle),
      part('light viewer', (cpu) => cpu.viewer),
      part('all three', (cpu) => cpu.producer + cpu.middle + cpu.viewer),
    ];
  });
}

export async function forwarder(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const viewers of SETTINGS.viewerCounts) {
    const events = viewers === 1 ? ONE_VIEWER_EVENTS : SETTINGS.fanOutEvents;
    const runs = await repeat(SETTINGS.runs, async () => ({
      bare: await bareOnce(viewers, 0, events),
      hub: await hubOnce(viewers, 0, events),
    }));
    const label = `${String(viewers)} light viewer(s), flat out`;
    rows.push(
      row(
        `bare forwarder: deliveries/s, ${label}`,
        'events/s',
        runs.map((r) => r.bare.deliveriesPerSecond),
      ),
      row(
        `hub: deliveries/s, ${label}`,
        'events/s',
        runs.map((r) => r.hub.deliveriesPerSecond),
      ),
      row(
        `hub ÷ bare forwarder, ${label}`,
        '×',
        runs.map((r) => r.hub.deliveriesPerSecond / r.bare.deliveriesPerSecond),
        viewers === 1 ? { atLeast: 0.9 } : undefined,
      ),
    );
    if (viewers === 1)
      rows.push(
        row(
          `bare forwarder: latency p50, ${label}`,
          'ms',
          runs.map((r) => r.bare.p50),
        ),
        row(
          `bare forwarder: latency p99, ${label}`,
          'ms',
          runs.map((r) => r.bare.p99),
        ),
        row(
          `hub: latency p50, ${label}`,
          'ms',
          runs.map((r) => r.hub.p50),
        ),
        row(
          `hub: latency p99, ${label}`,
          'ms',
          runs.map((r) => r.hub.p99),
          { atMost: 50 },
        ),
        ...cpuRows(runs, label),
      );
    if (viewers === 100)
      rows.push(
        row(
          `bare forwarder: peak RSS, ${label}`,
          'MB',
          runs.map((r) => r.bare.peakRssMb),
        ),
        row(
          `hub: peak RSS, ${label}`,
          'MB',
          runs.map((r) => r.hub.peakRssMb),
          { atMost: 100 },
        ),
      );
  }
  const lines = Math.round(PACED_RATE * SETTINGS.latencySeconds);
  const paced = await repeat(SETTINGS.runs, async () => ({
    bare: await bareOnce(100, PACED_RATE, lines),
    hub: await hubOnce(100, PACED_RATE, lines),
  }));
  const label = `${PACED_RATE.toLocaleString('en')}/s × 100 light viewers`;
  for (const who of ['bare', 'hub'] as const)
    for (const quantile of ['p50', 'p99'] as const)
      rows.push(
        row(
          `${SIDES[who].name}: latency ${quantile}, ${label}`,
          'ms',
          paced.map((r) => r[who][quantile]),
          who === 'hub' && quantile === 'p99' ? { atMost: 10 } : undefined,
        ),
      );
  return rows;
}
