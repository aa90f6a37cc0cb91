/**
 * Start-up: the hub process from spawn to its ready line; the sidecar from spawn to `ready`
 * (the pool's own `starting` and `ready` timestamps); and the pool from a `kill -9` of its
 * only worker to `ready` again (a worker that dies after `ready` is replaced at once).
 */
import { Driver } from '../driver.js';
import { startHubProcess } from '../hub-process.js';
import { repeat, row, SETTINGS, type Row } from '../measure.js';

const SPAWNS = 5;

export async function startup(): Promise<Row[]> {
  const hubStarts: number[] = [];
  const spawns: number[] = [];
  const crashes: number[] = [];
  await repeat(SETTINGS.runs, async () => {
    const hub = await startHubProcess({ nodeFlags: SETTINGS.hubNodeFlags });
    hubStarts.push(hub.startToReadyMs);
    const driver = await Driver.connect(hub);
    try {
      for (let spawn = 0; spawn < SPAWNS; spawn++) {
        const asked = Date.now();
        const starting = driver.nextSidecar((s) => s.state === 'starting' && s.since >= asked);
        const ready = driver.nextSidecar((s) => s.state === 'ready' && s.since >= asked);
        await (spawn === 0 ? driver.client.jobTypes() : driver.client.restartSidecar());
        spawns.push((await ready).since - (await starting).since);
      }
      const pid = (await driver.client.sidecar()).workers[0]?.pid;
      if (pid === undefined) throw new Error('the pool has no worker');
      const killedAt = Date.now();
      const ready = driver.nextSidecar((s) => s.state === 'ready' && s.since >= killedAt);
      process.kill(pid, 'SIGKILL');
      crashes.push((await ready).since - killedAt);
    } finally {
      driver.close();
      await hub.stop();
    }
  });
  return [
    row('hub start-to-ready (process spawn to ready line)', 'ms', hubStarts),
    row('sidecar spawn-to-ready', 'ms', spawns, { atMost: 150 }),
    row('sidecar crash-to-ready (kill -9 of the only worker)', 'ms', crashes),
  ];
}
