/**
 * The supervisor against a real sidecar misbehaving on purpose (test/chaos_jobs.py,
 * test/chaos_flaky.py): crashes, a wedged interpreter, a failing import, ignored cancels.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorBody, Health } from '@sidecast/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive } from './hub-process.js';
import { CHAOS_FLAKY, FAST_HEARTBEAT, startTestHub, waitFor, type TestHub } from './test-hub.js';

let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

describe('Supervisor', () => {
  describe('a crash mid-job', () => {
    it('fails the running job with the exit and stderr, restarts, and runs the queued job', async () => {
      hub = await startTestHub({ jobs: { maxConcurrency: 1 }, supervisor: { maxConcurrency: 1 } });
      const crashing = await hub.start('chaos.exit', { code: 3, after: 0.2 });
      const queued = await hub.start('demo.stream', { lines: 3, rate: 0 });
      expect(hub.jobs.get(queued.id)?.state).toBe('queued');
      const crashed = await hub.finished(crashing.id);
      expect(crashed.state).toBe('failed');
      expect(crashed.error?.message).toContain('the sidecar exited with code 3');
      expect(crashed.error?.message).toContain('chaos: exiting on purpose');
      expect(await hub.finished(queued.id)).toMatchObject({ state: 'completed' });
      const status = await hub.sidecar();
      expect(status).toMatchObject({
        state: 'ready',
        restarts: 1,
        lastExit: { code: 3, signal: null },
      });
    });
  });

  describe('missed heartbeats', () => {
    it('restart a sidecar whose interpreter is blocked', async () => {
      hub = await startTestHub({ supervisor: FAST_HEARTBEAT });
      const blocked = await hub.start('chaos.block');
      const before = await hub.sidecar();
      const ended = await hub.finished(blocked.id);
      expect(ended.error?.message).toContain('missed 2 heartbeats');
      const killed = before.pid;
      expect(killed).toBeDefined();
      // Killed at once, but gone only once the hub has reaped it: until then kill(pid, 0)
      // still finds the zombie.
      await waitFor(() => killed !== undefined && !pidAlive(killed), 2_000);
      await waitFor(() => hub?.supervisor.state === 'ready');
      expect((await hub.sidecar()).restarts).toBe(1);
      const after = await hub.start('demo.stream', { lines: 1, rate: 0 });
      expect((await hub.finished(after.id)).state).toBe('completed');
    });
  });

  describe('the circuit breaker', () => {
    it('opens after 5 failures, refuses work with 503, and closes on POST /api/sidecar/restart', async () => {
      const flag = join(process.cwd(), `.chaos-flag-${String(process.pid)}`);
      await writeFile(flag, '');
      try {
        hub = await startTestHub({
          supervisor: { jobs: [CHAOS_FLAKY], env: { ...process.env, CHAOS_FAIL_FLAG: flag } },
        });
        const first = await hub.api('/api/job-types');
        expect(first.status).toBe(503);
        expect(ErrorBody.parse(await first.json()).error.message).toContain('failing on purpose');
        await waitFor(() => hub?.supervisor.state === 'circuit_open');
        const status = await hub.sidecar();
        expect(status).toMatchObject({ failures: 5, lastExit: { code: 1 } });
        expect(status.stderrTail.join('\n')).toContain('ImportError');
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
        /the sidecar exited with code \d+; its last stderr lines:\n.*-m/,
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
      expect((await hub.finished(blocked.id)).error?.message).toBe('the hub stopped');
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
