import { ErrorBody, Health, HubStats, JobList, JobReply, JobTypeList } from '@sidecast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, waitFor, type TestHub } from '../../test/test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.stop();
});

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ErrorBody.parse(await response.json()).error;
}

describe('createApp', () => {
  describe('security', () => {
    it('serves /api/health without a token and shows nothing secret', async () => {
      const response = await hub.api('/api/health', { headers: { authorization: '' } });
      expect(response.status).toBe(200);
      const health = Health.parse(await response.json());
      expect(health.protocol).toBe(1);
      expect(JSON.stringify(health)).not.toContain(hub.token);
    });

    it('serves /api/stats with the token only', async () => {
      expect((await hub.api('/api/stats', { headers: { authorization: '' } })).status).toBe(401);
      const response = await hub.api('/api/stats');
      expect(response.status).toBe(200);
      const stats = HubStats.parse(await response.json());
      expect(stats).toMatchObject({ sessions: 0, queuedBytes: 0, maxQueuedBytes: 0 });
      expect(stats.memory.rss).toBeGreaterThan(stats.memory.heapUsed);
    });

    it('refuses a missing or wrong token with 401 unauthorized', async () => {
      for (const authorization of ['', `Bearer ${hub.token}x`, hub.token, 'Bearer ']) {
        const response = await hub.api('/api/jobs', { headers: { authorization } });
        expect(response.status).toBe(401);
        expect((await errorOf(response)).code).toBe('unauthorized');
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
      }
    });

    it('refuses a Host that is not the hub (DNS rebinding) with 403, even on /api/health', async () => {
      for (const host of ['evil.example', `evil.example:${String(hub.port)}`, '127.0.0.1:1']) {
        const response = await hub.api('/api/health', { headers: { host } });
        expect(response.status).toBe(403);
        expect((await errorOf(response)).code).toBe('forbidden');
      }
      const ok = await hub.api('/api/health', {
        headers: { host: `localhost:${String(hub.port)}` },
      });
      expect(ok.status).toBe(200);
    });

    it('refuses a foreign Origin and Origin: null with 403', async () => {
      for (const origin of [
        'https://evil.example',
        'null',
        `http://127.0.0.1:${String(hub.port + 1)}`,
      ]) {
        const response = await hub.api('/api/jobs', { headers: { origin } });
        expect(response.status).toBe(403);
        expect((await errorOf(response)).code).toBe('forbidden');
      }
    });

    it('answers CORS for allowed origins, preflight included', async () => {
      for (const origin of [
        'tauri://localhost',
        'http://localhost:5173',
        `http://127.0.0.1:${String(hub.port)}`,
      ]) {
        const response = await hub.api('/api/jobs', { headers: { origin } });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      }
      const preflight = await hub.api('/api/jobs', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://tauri.localhost',
          'access-control-request-method': 'POST',
          authorization: '',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    });

    it('refuses state changes that are not JSON with 415', async () => {
      for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
        const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
        const response = await hub.api('/api/jobs', {
          method: 'POST',
          headers,
          body: '{"jobType":"demo.stream"}',
        });
        expect(response.status).toBe(415);
        expect((await errorOf(response)).code).toBe('bad_request');
      }
    });

    it('refuses a body over 1 MiB with 413 too_large', async () => {
      const response = await hub.post('/api/jobs', {
        jobType: 'demo.stream',
        params: { pad: 'x'.repeat(1_100_000) },
      });
      expect(response.status).toBe(413);
      expect((await errorOf(response)).code).toBe('too_large');
    });

    it('refuses methods the API does not use with 405', async () => {
      const response = await hub.api('/api/jobs', { method: 'DELETE' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toContain('GET');
    });
  });

  describe('POST /api/jobs', () => {
    it('starts a job: 201 with the job and a Location', async () => {
      const response = await hub.post('/api/jobs', {
        jobType: 'demo.stream',
        params: { lines: 3, rate: 0 },
      });
      expect(response.status).toBe(201);
      const { job } = JobReply.parse(await response.json());
      expect(response.headers.get('location')).toBe(`/api/jobs/${job.id}`);
      expect(job).toMatchObject({ jobType: 'demo.stream', state: 'queued', head: 1 });
      expect((await hub.finished(job.id)).state).toBe('completed');
    });

    it('names every bad param in a 422 invalid_params', async () => {
      const response = await hub.post('/api/jobs', {
        jobType: 'demo.stream',
        params: { lines: 'many', rate: -1, colour: 'red' },
      });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_params');
      expect(error.issues).toEqual(
        expect.arrayContaining([
          { path: ['params', 'lines'], message: 'must be integer' },
          { path: ['params', 'colour'], message: 'is not a parameter of this job type' },
        ]),
      );
      expect(error.message).toContain('lines: must be integer');
    });

    it('enforces the limits a job declares with Param before any worker sees the job', async () => {
      const response = await hub.post('/api/jobs', {
        jobType: 'demo.stream',
        params: { lines: -5, rate: -1 },
      });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.issues).toEqual([
        { path: ['params', 'lines'], message: 'must be at least 0' },
        { path: ['params', 'rate'], message: 'must be at least 0' },
      ]);
      expect(error.message).toBe(
        'invalid params for demo.stream: lines: must be at least 0; rate: must be at least 0',
      );
      const csv = await errorOf(
        await hub.post('/api/jobs', {
          jobType: 'data.profile_csv',
          params: { path: 'x.csv', delimiter: ';;', bins: 500 },
        }),
      );
      expect(csv.issues).toEqual([
        { path: ['params', 'delimiter'], message: 'must match ^.$' },
        { path: ['params', 'bins'], message: 'must be at most 200' },
      ]);
    });

    it('refuses a missing required param and an unknown job type with 422', async () => {
      const missing = await errorOf(
        await hub.post('/api/jobs', { jobType: 'files.checksum', params: {} }),
      );
      expect(missing.issues).toContainEqual({ path: ['params', 'root'], message: 'is required' });
      const unknown = await hub.post('/api/jobs', { jobType: 'no.such.job' });
      expect(unknown.status).toBe(422);
      expect((await errorOf(unknown)).issues).toEqual([
        { path: ['jobType'], message: 'is not a job type of this sidecar' },
      ]);
    });

    it('refuses bodies that are not JSON or not the right shape with 422 bad_request', async () => {
      const notJson = await hub.api('/api/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jobType":',
      });
      expect(notJson.status).toBe(422);
      expect((await errorOf(notJson)).code).toBe('bad_request');
      for (const body of [
        [],
        { params: {} },
        { jobType: 'demo.stream', params: [] },
        { jobType: 7 },
      ]) {
        const response = await hub.post('/api/jobs', body);
        expect(response.status).toBe(422);
        expect((await errorOf(response)).code).toBe('bad_request');
      }
    });

    it('refuses a __proto__ key in a body with 422 rather than dropping it', async () => {
      const before = hub.jobs.list(undefined, 1000).length;
      const response = await hub.api('/api/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jobType":"demo.stream","params":{"lines":1,"__proto__":{"admin":true}}}',
      });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain('"__proto__"');
      expect(hub.jobs.list(undefined, 1000)).toHaveLength(before);
    });
  });

  describe('GET /api/jobs', () => {
    it('lists jobs newest first and filters by state', async () => {
      const first = await hub.start('demo.stream', { lines: 1, rate: 0 });
      const second = await hub.start('demo.stream', { lines: 1, rate: 0 });
      await hub.finished(first.id);
      await hub.finished(second.id);
      const { jobs } = JobList.parse(
        await (await hub.api('/api/jobs?state=completed&limit=2')).json(),
      );
      expect(jobs.map(({ id }) => id)).toEqual([second.id, first.id]);
    });

    it('refuses a bad query with 422', async () => {
      for (const query of ['state=done', 'limit=0', 'limit=abc', 'limit=100000']) {
        const response = await hub.api(`/api/jobs?${query}`);
        expect(response.status).toBe(422);
      }
    });

    it('answers 404 not_found for an unknown job', async () => {
      for (const path of ['/api/jobs/nope', '/api/jobs/nope/events', '/api/jobs/nope/artifacts']) {
        const response = await hub.api(path);
        expect(response.status).toBe(404);
        expect((await errorOf(response)).code).toBe('not_found');
      }
      expect((await hub.post('/api/jobs/nope/cancel')).status).toBe(404);
    });
  });

  describe('POST /api/jobs/:id/cancel and /input', () => {
    it('cancels a running job with 202, then refuses with 409 once it has ended', async () => {
      const job = await hub.start('chaos.wait', { seconds: 30 });
      await waitForState(job.id, 'running');
      expect((await hub.post(`/api/jobs/${job.id}/cancel`)).status).toBe(202);
      expect((await hub.finished(job.id)).state).toBe('cancelled');
      const again = await hub.post(`/api/jobs/${job.id}/cancel`);
      expect(again.status).toBe(409);
      expect((await errorOf(again)).code).toBe('conflict');
    });

    it('passes input to an interactive job and records it for every viewer', async () => {
      const job = await hub.start('chaos.echo');
      await waitForState(job.id, 'running');
      expect((await hub.post(`/api/jobs/${job.id}/input`, { data: 'hello' })).status).toBe(202);
      expect((await hub.post(`/api/jobs/${job.id}/input`, { data: { end: true } })).status).toBe(
        202,
      );
      const ended = await hub.finished(job.id);
      expect(ended).toMatchObject({ state: 'completed', result: 1 });
      const { events } = (await (await hub.api(`/api/jobs/${job.id}/events`)).json()) as {
        events: { kind: string; data?: unknown; name?: string }[];
      };
      expect(events.filter(({ kind }) => kind === 'input').map(({ data }) => data)).toEqual([
        'hello',
        { end: true },
      ]);
      expect(events).toContainEqual(
        expect.objectContaining({ kind: 'data', name: 'echo', data: 'hello' }),
      );
    });

    it('refuses input to a job that is not interactive or not running with 409', async () => {
      const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
      await hub.finished(job.id);
      const response = await hub.post(`/api/jobs/${job.id}/input`, { data: 1 });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).message).toContain('not interactive');
      const missing = await hub.post(`/api/jobs/${job.id}/input`, {});
      expect(missing.status).toBe(422);
    });
  });

  describe('GET /api/job-types and /api/sidecar', () => {
    it('lists the job types, built-ins and --jobs modules', async () => {
      const { jobTypes } = JobTypeList.parse(await (await hub.api('/api/job-types')).json());
      const names = jobTypes.map(({ name }) => name);
      expect(names).toEqual(
        expect.arrayContaining([
          'demo.stream',
          'files.checksum',
          'data.profile_csv',
          'demo.chat',
          'chaos.wait',
        ]),
      );
    });

    it('shows the supervisor state', async () => {
      const status = await hub.sidecar();
      expect(status).toMatchObject({ state: 'ready', failures: 0, rejectedLines: 0 });
      expect(status.python).toMatch(/^3\./);
    });
  });
});

async function waitForState(id: string, state: string): Promise<void> {
  await waitFor(() => hub.jobs.get(id)?.state === state);
}
