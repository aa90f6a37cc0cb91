/**
 * `/api/*` is the API only (DESIGN §3.4): a path that is no route is a JSON 404, never the web
 * app's page; a raw `.` or `..` segment is a 400 instead of being resolved into another
 * route; a plain GET of `/ws` is a 426; the app's page is served everywhere else.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBody } from '@sidecast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../test/test-hub.js';

const PAGE = '<!doctype html><title>Sidecast</title>';

let hub: TestHub;
let webRoot: string;
let jobId: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'sidecast-web-'));
  await writeFile(join(webRoot, 'index.html'), PAGE);
  hub = await startTestHub({ webRoot });
  jobId = (await hub.start('demo.stream', { lines: 1, rate: 0 })).id;
  await hub.finished(jobId);
});

afterAll(async () => {
  await hub.stop();
  await rm(webRoot, { recursive: true, force: true });
});

function errorCode(body: string): string {
  return ErrorBody.parse(JSON.parse(body)).error.code;
}

describe('routing', () => {
  describe('/api/*', () => {
    it.each(['/api/nope', '/api/jobs/x/y/z', '/api', '/api/', '/api/jobs/x/artifacts'])(
      'answers %s with a JSON 404, not the page, when the token is valid',
      async (path) => {
        const { status, headers, body } = await hub.raw(path);
        expect(headers['content-type']).toContain('application/json');
        expect(body).not.toContain(PAGE);
        expect(status).toBe(404);
        expect(errorCode(body)).toBe('not_found');
      },
    );

    it.each([
      `/api/jobs/JOB/artifacts/x/../../../../jobs`,
      `/api/jobs/JOB/artifacts/x/%2e%2e/%2E%2E/%2e%2e/%2e%2e/jobs`,
      `/api/jobs/JOB/artifacts/x/.%2e/.%2e/.%2e/.%2e/jobs`,
      `/api/jobs/JOB/./events`,
      `/api/./jobs`,
    ])('refuses the raw dot segments of %s with 400, not another route', async (template) => {
      const { status, body } = await hub.raw(template.replace('JOB', jobId));
      expect(status).toBe(400);
      expect(errorCode(body)).toBe('bad_request');
      expect(body).not.toContain('"jobs"');
    });

    it('still serves names that only contain dots', async () => {
      expect((await hub.raw(`/api/jobs/${jobId}/artifacts/...`)).status).toBe(404);
    });
  });

  describe('/ws', () => {
    it('answers a plain GET with 426 and says to upgrade', async () => {
      const { status, headers, body } = await hub.raw('/ws');
      expect(status).toBe(426);
      expect(headers.upgrade).toBe('websocket');
      expect(errorCode(body)).toBe('bad_request');
    });
  });

  describe('the web app', () => {
    it('serves its page for deep links and unknown paths outside /api and /ws', async () => {
      for (const path of ['/', '/jobs/x', '/apiary', '/wsx/y']) {
        const { status, body } = await hub.raw(path, { authorization: '' });
        expect(status, path).toBe(200);
        expect(body).toBe(PAGE);
      }
    });

    it("sends its page with a policy that runs only the hub's own scripts", async () => {
      const { headers } = await hub.raw('/jobs/x', { authorization: '' });
      const policy = String(headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
    });

    it('sends its scripts and styles without a page policy', async () => {
      await writeFile(join(webRoot, 'app.js'), 'export {};');
      const { status, headers } = await hub.raw('/app.js', { authorization: '' });
      expect(status).toBe(200);
      expect(headers['content-security-policy']).toBeUndefined();
    });
  });
});
