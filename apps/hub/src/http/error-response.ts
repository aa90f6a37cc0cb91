/** Every REST failure leaves as `{error: {code, message, issues?}}` with its status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HubError } from '../hub-error.js';
import type { Logger } from '../logger.js';

export function errorResponse(c: Context, error: HubError): Response {
  return c.json({ error: error.toInfo() }, error.status as ContentfulStatusCode);
}

/** Hono's `onError`: a `HubError` is answered as is; anything else is a 500 that is logged. */
export function onError(log: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    if (error instanceof HubError) return errorResponse(c, error);
    log('error', `${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return errorResponse(
      c,
      new HubError('internal', 'the hub hit an unexpected error; see its log'),
    );
  };
}
