/** `/api/job-types` and `/api/sidecar`: what the workers offer, how they are doing, and restart and reload. */
import { Hono } from 'hono';
import { HubError } from '../../hub-error.js';
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

  app.post('/sidecar/reload', (c) => {
    const reloading = supervisor.reload();
    if (reloading === undefined)
      throw new HubError('conflict', 'a reload is already under way; wait for it to finish');
    return c.json(supervisor.status(), 202);
  });

  return app;
}
