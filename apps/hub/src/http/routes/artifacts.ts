/**
 * `/api/jobs/:id/artifacts`: list a job's files and download one (DESIGN §3.4, §6). In a
 * cluster, a job another hub ran is served by that hub (DESIGN §11).
 */
import { Hono } from 'hono';
import {
  artifactBody,
  contentTypeOf,
  decodeArtifactPath,
  listArtifacts,
  openArtifact,
} from '../../artifacts/index.js';
import { HubError } from '../../hub-error.js';
import { LogThrottle } from '../../log-throttle.js';
import type { AppDeps } from '../deps.js';

const PREFIX = /^\/api\/jobs\/[^/]+\/artifacts\//;

export function artifactRoutes({ jobs, log, forward }: AppDeps): Hono {
  const app = new Hono();
  // A job that swaps its files while someone downloads makes one refusal per request.
  const refusals = new LogThrottle(log);

  app.get('/:id/artifacts', async (c) => {
    const where = jobs.artifacts(c.req.param('id'));
    if (where.kind === 'remote') return forward(c, where.hub);
    return c.json({ artifacts: await listArtifacts(where.dir) });
  });

  app.get('/:id/artifacts/*', async (c) => {
    const id = c.req.param('id');
    const where = jobs.artifacts(id);
    if (where.kind === 'remote') return forward(c, where.hub);
    const root = where.dir;
    // The raw path, still percent-encoded, so that it is decoded exactly once, here.
    const encoded = new URL(c.req.url).pathname.replace(PREFIX, '');
    const artifact = await openArtifact(root, decodeArtifactPath(encoded)).catch(
      (error: unknown) => {
        if (error instanceof HubError)
          refusals.report('warning', `artifact download of job ${id} refused: ${error.message}`);
        throw error;
      },
    );
    const name = artifact.path.split('/').pop() ?? 'artifact';
    return c.body(artifactBody(artifact.handle, artifact.size), 200, {
      'Content-Type': contentTypeOf(artifact.path),
      'Content-Length': String(artifact.size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Content-Security-Policy': 'sandbox',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
