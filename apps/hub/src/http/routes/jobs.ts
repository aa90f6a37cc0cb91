/** `/api/jobs`: start, list, show, cancel, and send input (DESIGN §3.4). */
import { Hono } from 'hono';
import { InputRequest, JobListQuery, LIMITS, StartJobRequest } from '@sidecast/protocol';
import type { AppDeps } from '../deps.js';
import { readBody, readQuery } from '../read-body.js';

export function jobRoutes({ jobs }: AppDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const { jobType, params } = await readBody(c, StartJobRequest);
    const job = await jobs.create(jobType, params);
    c.header('Location', `/api/jobs/${job.id}`);
    return c.json({ job }, 201);
  });

  app.get('/', (c) => {
    const { state, limit } = readQuery(c, JobListQuery);
    return c.json({ jobs: jobs.list(state, limit ?? LIMITS.defaultJobListLimit) });
  });

  app.get('/:id', (c) => c.json({ job: jobs.job(c.req.param('id')) }));

  // The body of a cancel carries nothing; it is still JSON-only like every state change.
  app.post('/:id/cancel', (c) => c.json({ job: jobs.cancel(c.req.param('id')) }, 202));

  app.post('/:id/input', async (c) => {
    const { data } = await readBody(c, InputRequest);
    return c.json({ job: jobs.input(c.req.param('id'), data) }, 202);
  });

  return app;
}
