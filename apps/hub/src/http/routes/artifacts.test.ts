import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactList, ErrorBody } from '@sidecast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../../test/test-hub.js';

let hub: TestHub;
let jobId: string;
let outside: string;

beforeAll(async () => {
  hub = await startTestHub();
  outside = join(hub.dataDir, 'secret.txt');
  await writeFile(outside, 'top secret\n');
  const job = await hub.start('chaos.symlink_out', { target: outside });
  jobId = job.id;
  expect((await hub.finished(jobId)).state).toBe('completed');
});

afterAll(async () => {
  await hub.stop();
});

describe('artifact routes', () => {
  describe('GET /api/jobs/:id/artifacts', () => {
    it('lists regular files inside the folder and leaves out a link that points outside', async () => {
      const { artifacts } = ArtifactList.parse(
        await (await hub.api(`/api/jobs/${jobId}/artifacts`)).json(),
      );
      expect(artifacts.map(({ path }) => path)).toEqual(['inside.txt']);
      expect(artifacts[0]).toMatchObject({ size: 4, contentType: 'text/plain; charset=utf-8' });
    });
  });

  describe('GET /api/jobs/:id/artifacts/<path>', () => {
    it('downloads a file as an attachment that is never sniffed', async () => {
      const response = await hub.api(`/api/jobs/${jobId}/artifacts/inside.txt`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('fine');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''inside.txt`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it.each([
      ['an encoded ../', '%2e%2e%2fsecret.txt'],
      ['an encoded ../ deeper', 'x%2f..%2f..%2f..%2fsecret.txt'],
      ['a double-encoded ..', '%252e%252e%252fsecret.txt'],
      ['..\\ encoded', '..%5csecret.txt'],
      ['an absolute path', '%2fetc%2fpasswd'],
      ['a NUL byte', 'inside.txt%00.png'],
      ['an empty segment', 'a//b'],
      ['a . segment', '.%2finside.txt'],
      ['bad percent-encoding', '%E0%A4%A'],
      ['a link that leads outside', 'escape.txt'],
    ])('refuses %s', async (_what, path) => {
      const response = await hub.api(`/api/jobs/${jobId}/artifacts/${path}`);
      expect([400, 404]).toContain(response.status);
      const { error } = ErrorBody.parse(await response.json());
      expect(error.code).toBe(response.status === 400 ? 'bad_request' : 'not_found');
      expect(JSON.stringify(error)).not.toContain('top secret');
    });

    it('refuses the traversal cases that are errors, not just missing files, with 400', async () => {
      for (const path of [
        '%2e%2e%2fsecret.txt',
        '..%5csecret.txt',
        '%2fetc%2fpasswd',
        'inside.txt%00',
        'escape.txt',
      ]) {
        expect((await hub.api(`/api/jobs/${jobId}/artifacts/${path}`)).status).toBe(400);
      }
    });

    it('never serves a file outside for a literal ../ sent as is to the real server', async () => {
      for (const path of [
        `/api/jobs/${jobId}/artifacts/../../../secret.txt`,
        `/api/jobs/${jobId}/artifacts/..%2f..%2f..%2fsecret.txt`,
        `/api/jobs/${jobId}/artifacts/%2e%2e/%2e%2e/%2e%2e/secret.txt`,
        `/api/jobs/${jobId}/artifacts/..\\..\\..\\secret.txt`,
      ]) {
        const { status, body } = await hub.raw(path);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(body).not.toContain('top secret');
      }
    });

    it('answers 404 for a file that does not exist or a folder', async () => {
      expect((await hub.api(`/api/jobs/${jobId}/artifacts/missing.txt`)).status).toBe(404);
    });
  });
});
