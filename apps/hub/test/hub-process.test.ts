/**
 * The `sidecast` command as a process: how it starts, how it stops, and that the sidecar
 * never outlives it, even after `kill -9`. Then a second hub reloads what the first left.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventPage, JobReply, SidecarStatus, type Job, type StoredEvent } from '@sidecast/protocol';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { HUB_RESTARTED } from '../src/store/file/reload.js';
import { HUB_STOPPED } from '../src/supervisor/index.js';
import { hubArgs, pidAlive, spawnHub, type HubProcess } from './hub-process.js';
import { Sandbox } from './sandbox.js';
import { startTestHub, waitFor } from './test-hub.js';

let dataDir: string;
let hub: HubProcess | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sidecast-cli-'));
});

afterEach(async () => {
  if (hub?.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
  hub = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/** The pids of the hub's workers, once `count` of them are running. */
async function workerPids(running: HubProcess, count = 1): Promise<number[]> {
  for (;;) {
    const { workers } = SidecarStatus.parse(await (await running.api('/api/sidecar')).json());
    const pids = workers.flatMap(({ pid }) => (pid === undefined ? [] : [pid]));
    if (pids.length >= count) return pids;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The job's whole log through the REST API, page by page. */
async function readLog(
  running: HubProcess,
  id: string,
): Promise<{ epoch: string; events: StoredEvent[] }> {
  const events: StoredEvent[] = [];
  for (;;) {
    const path = `/api/jobs/${id}/events?after=${String(events.length)}&limit=10000`;
    const page = EventPage.parse(await (await running.api(path)).json());
    if (page.events.length === 0) return { epoch: page.epoch, events };
    events.push(...page.events);
  }
}

async function startJob(running: HubProcess, jobType: string, params: object): Promise<Job> {
  const response = await running.api('/api/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jobType, params }),
  });
  return JobReply.parse(await response.json()).job;
}

describe('sidecast', () => {
  describe('--ready-json', () => {
    it('prints one JSON line a shell can use, and exits cleanly when stdin closes', async () => {
      hub = await spawnHub(['--data-dir', dataDir, '--eager']);
      expect(hub.url).toBe(`http://127.0.0.1:${String(hub.port)}/#token=${hub.token}`);
      expect(hub.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(hub.pid).toBe(hub.child.pid);
      expect((await fetch(`http://127.0.0.1:${String(hub.port)}/api/health`)).status).toBe(200);
      const workers = await workerPids(hub);
      hub.child.stdin?.end();
      expect(await hub.exited).toBe(0);
      expect(workers.some(pidAlive)).toBe(false);
    });
  });

  describe('when its parent stops reading stdout', () => {
    it('stops cleanly instead of crashing on EPIPE', async () => {
      const child = spawn(process.execPath, hubArgs(['--data-dir', dataDir], false), {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      const stderr: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(Buffer.concat(stderr).toString()).toContain('stdout closed: stopping the hub');
      expect(code).toBe(0);
    });
  });

  describe('on SIGTERM', () => {
    it('stops the workers, settles their jobs, and exits 0', async () => {
      hub = await spawnHub(['--data-dir', dataDir]);
      const job = await startJob(hub, 'chaos.wait', { seconds: 60 });
      const workers = await workerPids(hub);
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      expect(workers.some(pidAlive)).toBe(false);
      const second = await startTestHub({}, dataDir);
      try {
        // Nobody cancelled it: its status says the hub stopped.
        expect(second.jobs.get(job.id)).toMatchObject({ state: 'cancelled' });
        expect((await second.storedEvents(job.id)).at(-1)).toMatchObject({
          kind: 'status',
          state: 'cancelled',
          reason: HUB_STOPPED,
        });
      } finally {
        await second.stop(true);
      }
    });
  });

  describe('after kill -9 during a job streaming flat out', () => {
    // Two hubs, a flood and the reload of its log: slower than most on a loaded CI machine.
    it('leaves no sidecar behind, and the next hub fails the job and keeps a contiguous prefix', async () => {
      const sandbox = await Sandbox.create();
      onTestFinished(() => sandbox.remove());
      const { dataDir } = sandbox;
      const first = await spawnHub(['--data-dir', dataDir], sandbox.spawnOptions);
      hub = first;
      const done = await startJob(hub, 'demo.stream', { lines: 5, rate: 0 });
      const running = await startJob(hub, 'demo.stream', { lines: 100_000_000, rate: 0 });
      const workers = await workerPids(hub);
      await waitFor(async () => {
        const response = await first.api(`/api/jobs/${running.id}/events?after=20000&limit=1`);
        return EventPage.parse(await response.json()).events.length > 0;
      }, 30_000);
      const oldEpoch = EventPage.parse(
        await (await hub.api(`/api/jobs/${running.id}/events?limit=1`)).json(),
      ).epoch;
      hub.child.kill('SIGKILL');
      await hub.exited;
      const killedAt = Date.now();
      await waitFor(() => !workers.some(pidAlive), 2_000);
      expect(Date.now() - killedAt).toBeLessThan(2_000);

      const second = await spawnHub(['--data-dir', dataDir], sandbox.spawnOptions);
      hub = second;
      const failed = JobReply.parse(await (await second.api(`/api/jobs/${running.id}`)).json());
      expect(failed.job).toMatchObject({ state: 'failed', error: { message: HUB_RESTARTED } });
      const completed = JobReply.parse(await (await second.api(`/api/jobs/${done.id}`)).json());
      expect(completed.job.state).toBe('completed');
      const { epoch, events } = await readLog(second, running.id);
      expect(epoch).not.toBe(oldEpoch);
      expect(events.length).toBeGreaterThan(20_000);
      expect(events.map(({ seq }) => seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)).toMatchObject({
        kind: 'status',
        state: 'failed',
        reason: HUB_RESTARTED,
      });
      const list = (await (await second.api('/api/jobs')).json()) as { jobs: Job[] };
      expect(list.jobs.map(({ id }) => id)).toEqual([running.id, done.id]);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(await sandbox.changesOutsideDataDir()).toEqual([]);
    }, 60_000);
  });

  describe('after kill -9 with 4 busy workers whose jobs have children that ignore SIGTERM', () => {
    it('leaves nothing a worker or a job started running 2 s later', async () => {
      const running = await spawnHub(['--data-dir', dataDir, '--workers', '4']);
      hub = running;
      const jobs = await Promise.all(
        [1, 2, 3, 4].map(() => startJob(running, 'chaos.stubborn_children', {})),
      );
      const Pids = z.object({ shell: z.number(), child: z.number() });
      const pids: number[] = [];
      for (const job of jobs) {
        let found: unknown;
        await waitFor(async () => {
          const { events } = await readLog(running, job.id);
          found = events.find((event) => event.kind === 'data')?.data;
          return found !== undefined;
        }, 10_000);
        const { shell, child } = Pids.parse(found);
        pids.push(shell, child);
      }
      const workers = await workerPids(running, 4);
      expect(workers).toHaveLength(4);
      pids.push(...workers);
      expect(pids.every(pidAlive)).toBe(true);
      running.child.kill('SIGKILL');
      await running.exited;
      const killedAt = Date.now();
      await waitFor(() => !pids.some(pidAlive), 2_000);
      expect(Date.now() - killedAt).toBeLessThan(2_000);
    });
  });

  describe('started with SIDECAST_TOKEN', () => {
    it('keeps the token from job code, the tools it runs and the job log', async () => {
      const token = 'T'.repeat(43);
      const running = await spawnHub(['--data-dir', dataDir], {
        env: { ...process.env, SIDECAST_TOKEN: token },
        captureStderr: true,
      });
      hub = running;
      expect(running.token).toBe(token);
      const job = await startJob(running, 'chaos.environment', {});
      await waitFor(async () => {
        const reply = JobReply.parse(await (await running.api(`/api/jobs/${job.id}`)).json());
        return reply.job.state === 'completed';
      });
      const { events } = await readLog(running, job.id);
      const seen = z
        .array(z.string())
        .parse(events.find((event) => event.kind === 'result')?.value);
      expect(seen).toContain('PATH');
      expect(seen).not.toContain('SIDECAST_TOKEN');
      // What `env` printed is in the job's log, without the token.
      const printed = events.flatMap((event) => (event.kind === 'log' ? [event.text] : []));
      expect(printed.some((line) => line.startsWith('PATH='))).toBe(true);
      expect(JSON.stringify(events)).not.toContain(token);
      expect(running.stderr()).not.toContain(token);
    });
  });
});
