/**
 * The request guards of DESIGN §6, in the order they run: Host (DNS rebinding), Origin and
 * CORS, the method allowlist, the bearer token, and JSON-only state changes.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { HubError } from '../../hub-error.js';
import { presentedToken, refuseHost, refuseOrigin, type SecurityPolicy } from './policy.js';

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];
const CORS_HEADERS = 'Authorization, Content-Type, Last-Event-ID';
const PREFLIGHT_MAX_AGE_S = '600';

/** Refuse a Host that is not the hub's own name (a rebound DNS name, say) with 403. */
export function guardHost(policy: SecurityPolicy): MiddlewareHandler {
  return async (c, next) => {
    const refusal = refuseHost(policy, c.req.header('host') ?? new URL(c.req.url).host);
    if (refusal !== undefined) throw refusal;
    await next();
  };
}

/** Refuse a foreign Origin with 403; answer preflights and add CORS headers for allowed ones. */
export function guardOrigin(policy: SecurityPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const refusal = refuseOrigin(policy, origin);
    if (refusal !== undefined) throw refusal;
    if (origin === undefined) return next();
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
        'Access-Control-Allow-Headers': CORS_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_S,
        Vary: 'Origin',
      });
    }
    await next();
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', 'X-Sidecast-Epoch');
    c.header('Vary', 'Origin');
    return undefined;
  };
}

/** Only the methods the API uses; anything else is 405. */
export const allowMethods: MiddlewareHandler = async (c, next) => {
  if (!ALLOWED_METHODS.includes(c.req.method)) {
    c.header('Allow', ALLOWED_METHODS.join(', '));
    throw new HubError('bad_request', `method ${c.req.method} is not allowed`, { status: 405 });
  }
  await next();
};

/**
 * `Authorization: Bearer <token>`, compared in constant time; 401 otherwise. Where
 * `takesQueryToken` says so (the SSE form of the events route: a browser's EventSource
 * cannot set headers), `?token=` is taken as well; every other route refuses it.
 */
export function requireToken(
  policy: SecurityPolicy,
  takesQueryToken: (c: Context) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const query = takesQueryToken(c) ? c.req.query('token') : undefined;
    const token = presentedToken(header, query);
    if (token === undefined || !policy.tokenMatches(token)) {
      c.header('WWW-Authenticate', 'Bearer realm="sidecast"');
      throw new HubError(
        'unauthorized',
        header === undefined && query === undefined
          ? 'this request needs Authorization: Bearer <token>'
          : 'the token is not valid',
      );
    }
    await next();
  };
}

/** A `.` or `..` segment, spelled out or percent-encoded. */
function isDotSegment(segment: string): boolean {
  const plain = segment.replace(/%2e/gi, '.');
  return plain === '.' || plain === '..';
}

/**
 * Under `/api/`, a request path whose raw form holds a `.` or `..` segment is a 400. The URL
 * parser would quietly resolve it into some other route (`…/artifacts/../../jobs` is the job
 * list), so it is judged as sent: Node's own request line where there is one.
 */
export const refuseDotSegments: MiddlewareHandler = async (c, next) => {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  const raw = (env?.incoming?.url ?? new URL(c.req.url).pathname).split('?', 1)[0] ?? '';
  if (raw.startsWith('/api/') && raw.split('/').some(isDotSegment))
    throw new HubError('bad_request', 'the path has a "." or ".." segment; send it resolved');
  await next();
};

/** A state change must say it is JSON: a plain form or `text/plain` post cannot forge one. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'POST') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new HubError('bad_request', 'send the request body as Content-Type: application/json', {
        status: 415,
      });
  }
  await next();
};
