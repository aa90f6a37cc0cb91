import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, waitFor, type TestHub } from '../../test/test-hub.js';

let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

describe('Jobs', () => {
  describe('#create', () => {
    it('queues past the pool size and runs the queue in order', async () => {
      hub = await startTestHub({ supervisor: { workers: 1 } });
      const first = await hub.start('chaos.wait', { seconds: 0.3 });
      const second = await hub.start('demo.stream', { lines: 1, rate: 0 });
      await waitFor(() => hub?.jobs.get(first.id)?.state === 'running');
      expect(hub.jobs.get(second.id)?.state).toBe('queued');
      const done = await hub.finished(second.id);
      expect(done.startedAt).toBeGreaterThanOrEqual(
        (await hub.finished(first.id)).endedAt ?? Infinity,
      );
    });

    it("runs at most a job type's concurrency at once, without holding back other types", async () => {
      hub = await startTestHub({ supervisor: { workers: 3 } });
      const running = hub;
      const jobs = [];
      for (let i = 0; i < 3; i++)
        jobs.push(await running.start('chaos.one_at_a_time', { seconds: 0.3 }));
      const other = await hub.start('demo.stream', { lines: 1, rate: 0 });
      const otherDone = await hub.finished(other.id);
      const done = await Promise.all(jobs.map((job) => running.finished(job.id)));
      const spans = done.map((job) => [job.startedAt ?? 0, job.endedAt ?? 0] as const);
      for (const [i, [start]] of spans.entries()) {
        expect(done[i]?.state).toBe('completed');
        // In order, each after the one before it ended.
        if (i > 0) expect(start).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? Infinity);
      }
      // The other job type ran beside the first capped one, not after all three.
      expect(otherDone.endedAt ?? Infinity).toBeLessThan(spans[2]?.[0] ?? 0);
    });

    it('stores job.json and events.jsonl in the data dir', async () => {
      hub = await startTestHub();
      const job = await hub.start('demo.stream', { lines: 2, rate: 0 });
      const ended = await hub.finished(job.id);
      const dir = join(hub.dataDir, 'jobs', job.id);
      expect((await readdir(dir)).sort()).toEqual(['artifacts', 'events.jsonl', 'job.json']);
      const file = JSON.parse(await readFile(join(dir, 'job.json'), 'utf8')) as { job: unknown };
      expect(file.job).toEqual(ended);
      const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(ended.head);
    });
  });

  describe('#cancel', () => {
    it('ends a queued job at once without running it', async () => {
      hub = await startTestHub({ supervisor: { workers: 1 } });
      const blocker = await hub.start('chaos.wait', { seconds: 30 });
      const queued = await hub.start('demo.stream', { lines: 1, rate: 0 });
      const cancelled = hub.jobs.cancel(queued.id);
      expect(cancelled).toMatchObject({ state: 'cancelled', head: 2 });
      expect(cancelled.startedAt).toBeUndefined();
      hub.jobs.cancel(blocker.id);
      expect((await hub.finished(blocker.id)).state).toBe('cancelled');
    });
  });

  describe('retention', () => {
    it('keeps only the newest finished jobs, on disk too', async () => {
      hub = await startTestHub({ jobs: { retainedFinishedJobs: 2 } });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
        await hub.finished(job.id);
        ids.push(job.id);
      }
      const jobsDir = join(hub.dataDir, 'jobs');
      await waitFor(async () => (await readdir(jobsDir)).length === 2);
      expect(hub.jobs.list(undefined, 10).map(({ id }) => id)).toEqual([ids[3], ids[2]]);
    });
  });

  describe('reload', () => {
    it('takes a job whose log ended but whose record did not from its log', async () => {
      hub = await startTestHub();
      const job = await hub.start('demo.stream', { lines: 3, rate: 0 });
      const ended = await hub.finished(job.id);
      await hub.stop(true);
      const recordPath = join(hub.dataDir, 'jobs', job.id, 'job.json');
      const file = JSON.parse(await readFile(recordPath, 'utf8')) as {
        job: Record<string, unknown>;
      };
      await writeFile(
        recordPath,
        JSON.stringify({ ...file, job: { ...file.job, state: 'running', endedAt: undefined } }),
      );
      hub = await startTestHub({}, hub.dataDir);
      expect(hub.jobs.get(job.id)).toMatchObject({
        state: 'completed',
        head: ended.head,
        endedAt: ended.endedAt,
      });
    });

    it('skips a job folder whose record is unreadable and leaves it on disk', async () => {
      hub = await startTestHub();
      const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
      await hub.finished(job.id);
      await hub.stop(true);
      await writeFile(join(hub.dataDir, 'jobs', job.id, 'job.json'), '{"torn":');
      const warnings: string[] = [];
      hub = await startTestHub({ log: (_level, text) => warnings.push(text) }, hub.dataDir);
      expect(hub.jobs.get(job.id)).toBeUndefined();
      expect(warnings.join('\n')).toContain('job.json is not JSON');
      expect(await readdir(join(hub.dataDir, 'jobs'))).toEqual([job.id]);
    });
  });
});
