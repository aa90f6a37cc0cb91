/**
 * Fan-out: one job streaming flat out (`demo.stream`, rate 0) to 1 and to 100 viewers in a
 * separate process. Prints deliveries per second (events × viewers over the time from the
 * job's start to the last viewer's last event) and the hub's CPU time per delivery.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '@sidecast/hub';
import type { ViewersDone } from './viewers.js';

const EVENTS = Number(process.env.BENCH_LINES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VIEWERS = (process.env.BENCH_VIEWERS ?? '1,100').split(',').map(Number);
const VIEWERS_SCRIPT = fileURLToPath(new URL('./viewers.ts', import.meta.url));

interface Sample {
  deliveriesPerSecond: number;
  hubCpuMicrosPerDelivery: number;
}

async function once_(viewers: number): Promise<Sample> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sidecast-bench-'));
  const hub = await startHub({
    port: 0,
    portFallback: false,
    dataDir,
    webRoot: undefined,
    eager: true,
  });
  try {
    await hub.supervisor.ensureReady();
    const child = fork(VIEWERS_SCRIPT, [hub.origin, hub.token, String(viewers)], {
      execArgv: ['--import', 'tsx'],
    });
    await once(child, 'message');
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.timeOrigin + performance.now();
    const job = await hub.jobs.create('demo.stream', { lines: EVENTS, rate: 0 });
    child.send(job.id);
    const [done] = (await once(child, 'message')) as [ViewersDone];
    const cpu = process.cpuUsage(cpuBefore);
    const head = hub.jobs.get(job.id)?.head ?? 0;
    if (done.counts.some((count) => count !== head))
      throw new Error(`a viewer missed events: ${done.counts.join(',')} of ${String(head)}`);
    const deliveries = head * viewers;
    return {
      deliveriesPerSecond: deliveries / ((done.lastAt - startedAt) / 1000),
      hubCpuMicrosPerDelivery: (cpu.user + cpu.system) / deliveries,
    };
  } finally {
    await hub.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

console.log(
  `fan-out: demo.stream ${String(EVENTS)} lines, rate 0; medians of ${String(RUNS)} runs`,
);
console.log(
  `machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
);
for (const viewers of VIEWERS) {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await once_(viewers));
  const rate = median(samples.map((s) => s.deliveriesPerSecond));
  const cpu = median(samples.map((s) => s.hubCpuMicrosPerDelivery));
  console.log(
    `${String(viewers).padStart(4)} viewer(s): ${Math.round(rate).toLocaleString('en')} deliveries/s ` +
      `(${Math.round(rate / viewers).toLocaleString('en')} events/s each), hub CPU ${cpu.toFixed(2)} µs/delivery`,
  );
}
