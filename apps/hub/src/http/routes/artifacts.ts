/** `/api/jobs/:id/artifacts`: list a job's files and download one (DESIGN §3.4, §6). */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import {
  contentTypeOf,
  decodeArtifactPath,
  listArtifacts,
  resolveArtifact,
} from '../../artifacts/index.js';
import type { AppDeps } from '../deps.js';

const PREFIX = /^\/api\/jobs\/[^/]+\/artifacts\//;

export function artifactRoutes({ jobs }: AppDeps): Hono {
  const app = new Hono();

  app.get('/:id/artifacts', async (c) =>
    c.json({ artifacts: await listArtifacts(jobs.artifactsDir(c.req.param('id'))) }),
  );

  app.get('/:id/artifacts/*', async (c) => {
    const root = jobs.artifactsDir(c.req.param('id'));
    // The raw path, still percent-encoded, so that it is decoded exactly once, here.
    const encoded = new URL(c.req.url).pathname.replace(PREFIX, '');
    const artifact = await resolveArtifact(root, decodeArtifactPath(encoded));
    const name = artifact.path.split('/').pop() ?? 'artifact';
    const body = Readable.toWeb(createReadStream(artifact.file)) as ReadableStream;
    return c.body(body, 200, {
      'Content-Type': contentTypeOf(artifact.path),
      'Content-Length': String(artifact.size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Content-Security-Policy': 'sandbox',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
