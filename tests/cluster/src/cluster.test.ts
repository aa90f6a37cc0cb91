import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobList } from '@sidecast/protocol';
import {
  CLUSTER_TOKEN,
  WITHOUT_REDIS,
  endedOn,
  jobOn,
  startCluster,
  startJob,
  type Cluster,
  type ClusterHub,
} from './cluster.js';
import { waitFor } from '@sidecast/test-support';
import { oneToN, RawViewer, seqs } from './raw-viewer.js';

const CLUSTER_JOBS = fileURLToPath(new URL('../cluster_jobs.py', import.meta.url));
/** What a job of a hub that died ends with (DESIGN §11). */
const HUB_STOPPED = 'the hub running it stopped';

let cluster: Cluster | undefined;
const viewers: RawViewer[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const viewer of viewers.splice(0)) viewer.close();
  await cluster?.stop();
  cluster = undefined;
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function viewer(jobId: string): RawViewer {
  const created = new RawViewer(jobId, CLUSTER_TOKEN);
  viewers.push(created);
  return created;
}

async function listed(hub: ClusterHub): Promise<string[]> {
  const { jobs } = (await (await hub.api('/api/jobs')).json()) as JobList;
  return jobs.map(({ id }) => id);
}

/** The hub of `hubs` whose id is `job.hub`. */
function runnerOf(hubs: readonly ClusterHub[], job: Job): ClusterHub {
  const runner = hubs.find(({ hubId }) => hubId === job.hub);
  if (runner === undefined) throw new Error(`no hub ${String(job.hub)} in the cluster`);
  return runner;
}

describe.skipIf(WITHOUT_REDIS)('Cluster (three hubs on one Redis)', () => {
  describe('a job created on one hub', () => {
    it('is listed on every hub and streamed live to viewers on all three, identically', async () => {
      cluster = await startCluster(3);
      const { hubs } = cluster;
      const [a] = hubs;
      if (a === undefined) throw new Error('no hub');
      const job = await startJob(a, 'demo.stream', { lines: 400, rate: 400 });
      const watching = hubs.map(() => viewer(job.id));
      await Promise.all(watching.map((each, i) => each.moveTo(hubs[i]?.origin ?? '')));
      await Promise.all(watching.map((each) => each.done));

      const ended = await endedOn(a, job.id);
      expect(ended).toMatchObject({ state: 'completed', result: { lines: 400 } });
      const first = watching[0]?.events ?? [];
      expect(seqs(first)).toEqual(oneToN(ended.head));
      for (const each of watching) {
        expect(each.invalid).toEqual([]);
        expect(each.events).toEqual(first);
      }
      for (const hub of hubs) {
        expect(await listed(hub)).toContain(job.id);
        expect(await endedOn(hub, job.id)).toEqual(ended);
      }
      // Presence counts the viewers of every hub.
      await waitFor(() => watching.every(({ presence }) => presence.at(-1) === 3), 10_000);
      watching[0]?.close();
      await waitFor(() => watching.slice(1).every(({ presence }) => presence.at(-1) === 2), 10_000);
    });

    it('runs on whichever hub has a free worker, named by job.hub', async () => {
      cluster = await startCluster(2, ['--workers', '1']);
      const [a, b] = cluster.hubs;
      if (a === undefined || b === undefined) throw new Error('no hubs');
      const first = await startJob(a, 'demo.stream', { lines: 40, rate: 10 });
      const second = await startJob(a, 'demo.stream', { lines: 40, rate: 10 });
      const [one, two] = await Promise.all([
        jobOn(a, first.id, ({ state }) => state === 'running'),
        jobOn(a, second.id, ({ state }) => state === 'running'),
      ]);
      // Each hub has one worker: one job each, at the same time.
      expect(new Set([one.hub, two.hub])).toEqual(new Set([a.hubId, b.hubId]));
    });
  });

  describe('a hub that does not run the job', () => {
    it('forwards input and cancel to the hub that does', async () => {
      cluster = await startCluster(1);
      const runner = cluster.hubs[0];
      const front = await cluster.addHub(['--serve-only']);
      if (runner === undefined) throw new Error('no hub');
      const chat = await startJob(front, 'demo.chat', { delay: 0 });
      const running = await jobOn(front, chat.id, ({ state }) => state === 'running');
      expect(running.hub).toBe(runner.hubId);
      const watching = viewer(chat.id);
      await watching.moveTo(front.origin);
      const sent = await front.api(`/api/jobs/${chat.id}/input`, {
        method: 'POST',
        body: JSON.stringify({ data: 'hello cluster' }),
      });
      expect(sent.status).toBe(202);
      await waitFor(
        () =>
          watching.events.some(
            (event) => event.kind === 'log' && event.text.includes('hello cluster'),
          ),
        10_000,
      );
      expect(watching.events.find(({ kind }) => kind === 'input')).toMatchObject({
        data: 'hello cluster',
      });

      const cancelled = await front.api(`/api/jobs/${chat.id}/cancel`, { method: 'POST' });
      expect(cancelled.status).toBe(202);
      expect(await endedOn(front, chat.id)).toMatchObject({ state: 'cancelled' });
      await watching.done;
      expect(seqs(watching.events)).toEqual(oneToN(watching.events.length));
    });
  });

  describe('kill -9 of a hub that serves viewers and runs nothing', () => {
    it('moves its viewers to another hub, which resumes them with exactly the missed events', async () => {
      cluster = await startCluster(3);
      const { hubs } = cluster;
      const [a] = hubs;
      if (a === undefined) throw new Error('no hub');
      // Long enough to be running still when its viewers' hub dies, however loaded the machine.
      const job = await startJob(a, 'demo.stream', { lines: 600, rate: 100 });
      const runner = runnerOf(hubs, await jobOn(a, job.id, ({ hub }) => hub !== undefined));
      const [doomed, survivor] = hubs.filter((hub) => hub !== runner);
      if (doomed === undefined || survivor === undefined) throw new Error('no hubs');
      const watching = [viewer(job.id), viewer(job.id), viewer(job.id)];
      await Promise.all(watching.map((each) => each.moveTo(doomed.origin)));
      // The running hub's head is live; another hub's is as of the job's last state change.
      await jobOn(runner, job.id, ({ head }) => head > 50);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await doomed.kill();
      const seenBefore = watching.map(({ events }) => events.length);
      await Promise.all(watching.map((each) => each.moveTo(survivor.origin)));
      await Promise.all(watching.map((each) => each.done));

      const ended = await endedOn(survivor, job.id);
      expect(ended.state).toBe('completed');
      for (const [i, each] of watching.entries()) {
        expect(seenBefore[i]).toBeGreaterThan(0);
        expect(seenBefore[i]).toBeLessThan(ended.head);
        expect(each.invalid).toEqual([]);
        expect(seqs(each.events)).toEqual(oneToN(ended.head));
        expect(each.subscriptions.map(({ recovered }) => recovered)).toEqual([true, true]);
      }
    });
  });

  describe('kill -9 of the hub running a job', () => {
    it('fails the job on every surviving hub within 15 s, and runs its queued job elsewhere', async () => {
      // One hub first, so that it claims both jobs: the second waits there for the type's
      // one slot.
      cluster = await startCluster(1, ['--workers', '2', '--jobs', CLUSTER_JOBS]);
      const [a] = cluster.hubs;
      if (a === undefined) throw new Error('no hub');
      const long = await startJob(a, 'cluster.one_at_a_time', { seconds: 60 });
      const queued = await startJob(a, 'cluster.one_at_a_time', { seconds: 0.5 });
      await jobOn(a, long.id, ({ state }) => state === 'running');
      const b = await cluster.addHub();
      const c = await cluster.addHub();
      const watching = [viewer(long.id), viewer(long.id)];
      await watching[0]?.moveTo(b.origin);
      await watching[1]?.moveTo(c.origin);
      expect((await b.job(queued.id))?.state).toBe('queued');

      const killedAt = Date.now();
      await a.kill();
      const [onB, onC] = await Promise.all([
        endedOn(b, long.id, 15_000),
        endedOn(c, long.id, 15_000),
      ]);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      for (const settled of [onB, onC])
        expect(settled).toMatchObject({ state: 'failed', error: { message: HUB_STOPPED } });
      expect(onB).toEqual(onC);
      await Promise.all(watching.map((each) => each.done));
      for (const each of watching) {
        expect(seqs(each.events)).toEqual(oneToN(onB.head));
        expect(each.events.at(-1)).toMatchObject({
          kind: 'status',
          state: 'failed',
          reason: HUB_STOPPED,
        });
      }

      const ran = await endedOn(b, queued.id, 30_000);
      expect(ran.state).toBe('completed');
      expect([b.hubId, c.hubId]).toContain(ran.hub);
    });
  });

  describe('artifacts', () => {
    it('are served byte for byte by a hub that did not run the job, and 503 while their hub is down', async () => {
      cluster = await startCluster(2);
      const [a, b] = cluster.hubs;
      if (a === undefined || b === undefined) throw new Error('no hubs');
      const csv = await writeCsv();
      const job = await startJob(a, 'data.profile_csv', { path: csv });
      const ended = await endedOn(a, job.id);
      expect(ended.state).toBe('completed');
      const runner = runnerOf(cluster.hubs, ended);
      const other = runner === a ? b : a;
      const list = await (await other.api(`/api/jobs/${job.id}/artifacts`)).json();
      expect(list).toEqual(await (await runner.api(`/api/jobs/${job.id}/artifacts`)).json());
      for (const name of ['report.json', 'report.html']) {
        const direct = await runner.api(`/api/jobs/${job.id}/artifacts/${name}`);
        const forwarded = await other.api(`/api/jobs/${job.id}/artifacts/${name}`);
        expect(forwarded.status).toBe(200);
        for (const header of [
          'content-type',
          'content-length',
          'content-disposition',
          'content-security-policy',
          'x-content-type-options',
        ])
          expect(forwarded.headers.get(header)).toBe(direct.headers.get(header));
        expect(Buffer.from(await forwarded.arrayBuffer())).toEqual(
          Buffer.from(await direct.arrayBuffer()),
        );
      }
      const escape = await other.api(`/api/jobs/${job.id}/artifacts/..%2Fjob.json`);
      expect(escape.status).toBe(400);

      await runner.kill();
      const away = await other.api(`/api/jobs/${job.id}/artifacts/report.json`);
      expect(away.status).toBe(503);
      expect(await away.json()).toMatchObject({ error: { code: 'unavailable' } });
    });
  });
});

async function writeCsv(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sidecast-csv-'));
  tempDirs.push(dir);
  const path = join(dir, 'people.csv');
  const rows = ['name,age,city'];
  for (let i = 0; i < 200; i++)
    rows.push(`person ${String(i)},${String(20 + (i % 50))},city ${String(i % 7)}`);
  await writeFile(path, rows.join('\n') + '\n');
  return path;
}
