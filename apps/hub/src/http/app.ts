/**
 * The hub's HTTP app (Hono): the guards of DESIGN §6 in front of the REST routes of §3.4,
 * and the web app's files.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '@sidecast/protocol';
import { HubError } from '../hub-error.js';
import type { AppDeps } from './deps.js';
import { errorResponse, onError } from './error-response.js';
import { artifactRoutes } from './routes/artifacts.js';
import { WS_PATH } from '../gateway/upgrade-guard.js';
import { eventRoutes, isEventStreamRequest } from './routes/events.js';
import { healthRoute } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { sidecarRoutes } from './routes/sidecar.js';
import { statsRoute } from './routes/stats.js';
import {
  allowMethods,
  guardHost,
  guardOrigin,
  refuseDotSegments,
  requireJson,
  requireToken,
} from './security/guards.js';
import { staticFiles } from './static-files.js';

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(onError(deps.log));
  app.notFound((c) =>
    errorResponse(c, new HubError('not_found', `nothing at ${c.req.method} ${c.req.path}`)),
  );

  app.use(guardHost(deps.policy), guardOrigin(deps.policy), allowMethods, refuseDotSegments);
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.route('/api/health', healthRoute(deps));

  const api = new Hono();
  api.use(
    requireToken(deps.policy, isEventStreamRequest),
    requireJson,
    bodyLimit({
      maxSize: LIMITS.maxRequestBodyBytes,
      onError: () => {
        throw new HubError(
          'too_large',
          `the request body is over ${String(LIMITS.maxRequestBodyBytes)} bytes`,
        );
      },
    }),
  );
  api.route('/jobs', jobRoutes(deps));
  api.route('/jobs', eventRoutes(deps));
  api.route('/jobs', artifactRoutes(deps));
  api.route('/', sidecarRoutes(deps));
  api.route('/', statsRoute(deps));
  app.route('/api', api);
  // The WebSocket is reached by an upgrade (handled before Hono); a plain GET is a mistake.
  app.get(WS_PATH, (c) => {
    c.header('Upgrade', 'websocket');
    throw new HubError(
      'bad_request',
      `${WS_PATH} is the WebSocket: connect with Upgrade: websocket`,
      {
        status: 426,
      },
    );
  });

  if (deps.webRoot !== undefined) app.use(staticFiles(deps.webRoot));
  return app;
}
