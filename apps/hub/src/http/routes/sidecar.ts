/** `/api/job-types` and `/api/sidecar`: what the sidecar offers and how it is doing. */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export function sidecarRoutes({ supervisor, log }: AppDeps): Hono {
  const app = new Hono();

  app.get('/job-types', async (c) => {
    if (supervisor.state === 'circuit_open') throw supervisor.circuitOpenError();
    if (supervisor.jobTypes === undefined) await supervisor.ensureReady();
    return c.json({ jobTypes: supervisor.jobTypes ?? [] });
  });

  app.get('/sidecar', (c) => c.json(supervisor.status()));

  app.post('/sidecar/restart', (c) => {
    supervisor.restart().catch((error: unknown) => {
      log('error', `restarting the sidecar failed: ${(error as Error).message}`);
    });
    return c.json(supervisor.status(), 202);
  });

  return app;
}
