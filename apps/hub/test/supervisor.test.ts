/**
 * The supervisor against a real sidecar misbehaving on purpose (test/chaos_jobs.py,
 * test/chaos_flaky.py): crashes, a wedged interpreter, a failing import, ignored cancels.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ErrorBody, Health } from '@sidecast/protocol';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { pidAlive } from './hub-process.js';
import { CHAOS_FLAKY, FAST_HEARTBEAT, startTestHub, waitFor, type TestHub } from './test-hub.js';

let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

describe('Supervisor', () => {
  describe('a worker that dies mid-job', () => {
    it('fails that job once, named, with the exit and stderr, while a neighbour completes', async () => {
      hub = await startTestHub({ supervisor: { workers: 2 } });
      const dir = await mkdtemp(join(tmpdir(), 'sidecast-starts-'));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      const countFile = join(dir, 'starts');
      const neighbour = await hub.start('demo.stream', { lines: 50, rate: 100 });
      const crashing = await hub.start('chaos.exit_on_start', { count_file: countFile });
      const crashed = await hub.finished(crashing.id);
      expect(crashed.state).toBe('failed');
      expect(crashed.error?.message).toMatch(/^worker \d \(pid \d+\) exited with code 1/);
      expect(crashed.error?.message).toContain('chaos: dying at once');
      expect(await hub.finished(neighbour.id)).toMatchObject({ state: 'completed' });
      // A job that kills its worker is never run again.
      const later = await hub.start('demo.stream', { lines: 1, rate: 0 });
      expect((await hub.finished(later.id)).state).toBe('completed');
      expect((await readFile(countFile, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
      const status = await hub.sidecar();
      expect(status).toMatchObject({ state: 'ready', restarts: 1, failures: 0 });
      expect(status.lastExit).toMatchObject({ code: 1, signal: null });
    });
  });

  describe('#cancel of a job stuck in native code', () => {
    it('kills its worker after the grace, ends it cancelled, and a neighbour streams on', async () => {
      hub = await startTestHub({ supervisor: { workers: 2, cancelGraceMs: 1_000 } });
      const neighbour = await hub.start('demo.stream', { lines: 60, rate: 20 });
      const stuck = await hub.start('chaos.stuck');
      await waitFor(() => hub?.jobs.get(stuck.id)?.state === 'running');
      const asked = Date.now();
      expect((await hub.post(`/api/jobs/${stuck.id}/cancel`)).status).toBe(202);
      expect((await hub.post(`/api/jobs/${stuck.id}/cancel`)).status).toBe(202);
      expect(hub.jobs.get(neighbour.id)?.state).toBe('running');
      const ended = await hub.finished(stuck.id);
      expect(Date.now() - asked).toBeLessThan(1_000 + 2_000);
      expect(ended.state).toBe('cancelled');
      expect((await hub.storedEvents(stuck.id)).at(-1)).toMatchObject({
        state: 'cancelled',
        reason: 'did not stop within 1 s; its process was killed',
      });
      expect(hub.jobs.get(neighbour.id)?.state).toBe('running');
      expect((await hub.finished(neighbour.id)).state).toBe('completed');
      await waitFor(() => hub?.supervisor.state === 'ready');
      const next = await hub.start('demo.stream', { lines: 1, rate: 0 });
      expect((await hub.finished(next.id)).state).toBe('completed');
    });
  });

  describe('timeouts', () => {
    it("fail a job past its type's timeout, whether it stops by itself or is killed", async () => {
      hub = await startTestHub({ supervisor: { workers: 2, cancelGraceMs: 500 } });
      const polite = await hub.start('chaos.wait_with_timeout', { seconds: 30 });
      const stuck = await hub.start('chaos.stuck_with_timeout');
      for (const job of [polite, stuck]) {
        const ended = await hub.finished(job.id);
        expect(ended.state).toBe('failed');
        expect(ended.error?.message).toBe('timed out after 0.5 s');
      }
    });

    it('fail any job past --job-timeout', async () => {
      hub = await startTestHub({ jobs: { jobTimeoutS: 0.4 } });
      const started = Date.now();
      const job = await hub.start('chaos.wait', { seconds: 30 });
      const ended = await hub.finished(job.id);
      expect(ended).toMatchObject({ state: 'failed', error: { message: 'timed out after 0.4 s' } });
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe('missed heartbeats', () => {
    it("fail a SIGSTOPped worker's job, replace the worker, and run the next job", async () => {
      hub = await startTestHub({ supervisor: FAST_HEARTBEAT });
      const job = await hub.start('chaos.wait', { seconds: 30 });
      await waitFor(() => hub?.jobs.get(job.id)?.state === 'running');
      const worker = hub.supervisor.status().workers.find((w) => w.jobId === job.id);
      const pid = worker?.pid ?? 0;
      process.kill(pid, 'SIGSTOP');
      const ended = await hub.finished(job.id);
      expect(ended.state).toBe('failed');
      expect(ended.error?.message).toContain('missed 2 heartbeats');
      await waitFor(() => !pidAlive(pid), 2_000);
      const next = await hub.start('demo.stream', { lines: 1, rate: 0 });
      expect((await hub.finished(next.id)).state).toBe('completed');
      expect((await hub.sidecar()).restarts).toBe(1);
    });
  });

  describe('the pool', () => {
    it('grows on demand up to --workers, keeps one warm, and lists its workers', async () => {
      hub = await startTestHub({ supervisor: { workers: 3 } });
      expect((await hub.sidecar()).workers).toEqual([]);
      const running = hub;
      const jobs = await Promise.all(
        [1, 2, 3].map(() => running.start('chaos.wait', { seconds: 30 })),
      );
      await waitFor(() => jobs.every((job) => running.jobs.get(job.id)?.state === 'running'));
      const busy = await hub.sidecar();
      expect(busy.size).toBe(3);
      expect(busy.workers.map(({ state }) => state)).toEqual(['busy', 'busy', 'busy']);
      expect(new Set(busy.workers.map(({ pid }) => pid)).size).toBe(3);
      for (const job of jobs) hub.jobs.cancel(job.id);
      for (const job of jobs) await hub.finished(job.id);
      await waitFor(
        () => hub?.supervisor.status().workers.every((w) => w.state === 'idle') ?? false,
      );
      const idle = await hub.sidecar();
      expect(idle.workers.reduce((sum, { jobsRun }) => sum + jobsRun, 0)).toBe(3);
      // The marker that ends each job's output is the worker's own business.
      expect(idle.stderrTail.join('\n')).not.toContain('sidecast-drain');
    });

    it('stops workers beyond the warm one once idle, and replaces one over --worker-max-rss', async () => {
      hub = await startTestHub({ supervisor: { workers: 2, workerIdleMs: 300 } });
      const first = await hub.start('chaos.wait', { seconds: 0.2 });
      await hub.finished(first.id);
      await waitFor(() => hub?.supervisor.status().workers.length === 2);
      await waitFor(() => hub?.supervisor.status().workers.length === 1, 3_000);
      await hub.stop();
      hub = await startTestHub({ supervisor: { workers: 1, workerMaxRssBytes: 1 } });
      const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
      await hub.finished(job.id);
      await waitFor(() => (hub?.supervisor.status().restarts ?? 0) >= 1);
      const next = await hub.start('demo.stream', { lines: 1, rate: 0 });
      expect((await hub.finished(next.id)).state).toBe('completed');
    });
  });

  describe('the circuit breaker', () => {
    it('opens at once when the job code does not import, refuses work with 503 saying why, and closes on POST /api/sidecar/restart', async () => {
      const flag = join(process.cwd(), `.chaos-flag-${String(process.pid)}`);
      await writeFile(flag, '');
      try {
        hub = await startTestHub({
          supervisor: { jobs: [CHAOS_FLAKY], env: { ...process.env, CHAOS_FAIL_FLAG: flag } },
        });
        const first = await hub.api('/api/job-types');
        expect(first.status).toBe(503);
        // The file as the author knows it: relative to the working directory, which it is under.
        const shown = relative(process.cwd(), CHAOS_FLAKY);
        const loadError = `--jobs ${CHAOS_FLAKY}: ${shown}, line 9: ImportError: failing on purpose while ${flag} exists`;
        expect(ErrorBody.parse(await first.json()).error.message).toContain(
          `the job code failed to import: ${loadError}`,
        );
        await waitFor(() => hub?.supervisor.state === 'circuit_open');
        const status = await hub.sidecar();
        // Code that does not import will not by trying again: shown after one try, not looped.
        expect(status).toMatchObject({ failures: 1, lastExit: { code: 1 } });
        expect(status.loadError?.split('\n')[0]).toBe(loadError);
        expect(status.lastError).toBe(status.loadError);
        const refused = await hub.post('/api/jobs', { jobType: 'demo.stream' });
        expect(refused.status).toBe(503);
        expect(ErrorBody.parse(await refused.json()).error.code).toBe('unavailable');
        expect(Health.parse(await (await hub.api('/api/health')).json()).status).toBe('degraded');

        await rm(flag);
        expect((await hub.post('/api/sidecar/restart')).status).toBe(202);
        await waitFor(() => hub?.supervisor.state === 'ready');
        const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
        expect((await hub.finished(job.id)).state).toBe('completed');
      } finally {
        await rm(flag, { force: true });
      }
    });

    it('reports a Python that does not exist clearly and stops retrying at the breaker', async () => {
      hub = await startTestHub({ supervisor: { python: '/nonexistent/python3' } });
      const response = await hub.api('/api/job-types');
      expect(response.status).toBe(503);
      expect(ErrorBody.parse(await response.json()).error.message).toContain(
        'could not start /nonexistent/python3',
      );
      await waitFor(() => hub?.supervisor.state === 'circuit_open');
      expect((await hub.sidecar()).lastError).toContain('ENOENT');
    });

    it('reports a --python that is not Python with its stderr, and stops at the breaker instead of looping', async () => {
      hub = await startTestHub({ supervisor: { python: process.execPath } });
      const response = await hub.api('/api/job-types');
      expect(response.status).toBe(503);
      await waitFor(() => hub?.supervisor.state === 'circuit_open');
      const status = await hub.sidecar();
      expect(status.lastError).toMatch(
        /worker \d \(pid \d+\) exited with code \d+; its last stderr lines:\n.*-m/,
      );
      expect(status.stderrTail.join('\n')).toContain('-m');
      // Ten times the longest test backoff: a crash loop would have restarted by now.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const later = await hub.sidecar();
      expect(later.state).toBe('circuit_open');
      expect(later.restarts).toBe(status.restarts);
      expect((await hub.api('/api/health')).status).toBe(200);
    });
  });

  describe('#stop while the sidecar is starting', () => {
    it('lets it finish starting and stop without a warning', async () => {
      const warnings: string[] = [];
      hub = await startTestHub({
        log: (level, message) => {
          if (level === 'warning') warnings.push(message);
        },
        supervisor: {
          jobs: [CHAOS_FLAKY],
          env: { ...process.env, CHAOS_IMPORT_SECONDS: '0.3' },
        },
      });
      const refused = hub.api('/api/job-types');
      await waitFor(() => hub?.supervisor.state === 'starting');
      const stopping = hub;
      hub = undefined;
      await stopping.stop();
      expect((await refused).status).toBe(503);
      expect(stopping.supervisor.state).toBe('stopped');
      expect(warnings).toEqual([]);
    });
  });

  describe('the stop ladder', () => {
    it('ends at SIGKILL for a sidecar that ignores shutdown and SIGTERM', async () => {
      hub = await startTestHub({ supervisor: { heartbeatIntervalMs: 60_000 } });
      const blocked = await hub.start('chaos.block');
      await waitFor(
        async () =>
          (await hub?.api(`/api/jobs/${blocked.id}/events`).then((r) => r.text()))?.includes(
            'blocking',
          ) ?? false,
      );
      const started = Date.now();
      await hub.supervisor.stop();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500 - 50);
      const status = hub.supervisor.status();
      expect(status).toMatchObject({ state: 'stopped', lastExit: { signal: 'SIGKILL' } });
      expect((await hub.finished(blocked.id)).state).toBe('cancelled');
      expect((await hub.storedEvents(blocked.id)).at(-1)).toMatchObject({
        reason: 'the hub stopped',
      });
    });

    it('lets a sidecar whose job ignores cancellation settle it and exit on its own', async () => {
      hub = await startTestHub({ supervisor: { shutdownGraceMs: 5_000 } });
      const stubborn = await hub.start('chaos.ignore_cancel', { seconds: 30 });
      await waitFor(() => hub?.jobs.get(stubborn.id)?.state === 'running');
      await hub.supervisor.stop();
      expect(hub.supervisor.status().lastExit).toMatchObject({ code: 0, signal: null });
      const ended = await hub.finished(stubborn.id);
      expect(ended.state).toBe('cancelled');
    });
  });
});
