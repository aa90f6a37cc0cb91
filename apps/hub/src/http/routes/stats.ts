/** `GET /api/stats`: what the hub is holding (sessions, queued bytes, memory), for operators. */
import { Hono } from 'hono';
import type { HubStats } from '@sidecast/protocol';
import type { AppDeps } from '../deps.js';

export function statsRoute({ gatewayStats }: AppDeps): Hono {
  const app = new Hono();
  app.get('/stats', (c) => {
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const stats: HubStats = {
      ...gatewayStats(),
      memory: { rss, heapUsed, external, arrayBuffers },
    };
    return c.json(stats);
  });
  return app;
}
