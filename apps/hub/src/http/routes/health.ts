/** `GET /api/health`: open to anyone who can reach the hub, so it shows nothing secret. */
import { Hono } from 'hono';
import { PROTOCOL_VERSION, type Health } from '@sidecast/protocol';
import type { AppDeps } from '../deps.js';

const DEGRADED = new Set(['unhealthy', 'restarting', 'circuit_open', 'stopping', 'stopped']);

export function healthRoute({ supervisor, version, jobs }: AppDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const sidecar = supervisor.summary();
    const cluster = jobs.cluster();
    const health: Health = {
      status: DEGRADED.has(sidecar.state) || cluster?.redis === 'unavailable' ? 'degraded' : 'ok',
      version,
      protocol: PROTOCOL_VERSION,
      sidecar,
      ...(cluster === undefined ? {} : { cluster }),
    };
    return c.json(health);
  });
  return app;
}
