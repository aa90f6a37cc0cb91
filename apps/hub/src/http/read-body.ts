/** The JSON body of a request, validated once against its protocol schema. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { check, decodeJson } from '@sidecast/protocol';
import { HubError } from '../hub-error.js';

/** A body that is missing, not JSON or the wrong shape is a 422 `bad_request`. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    const decoded = decodeJson(text);
    if (!decoded.ok)
      throw new HubError('bad_request', `the request body is refused: ${decoded.error.message}`, {
        status: 422,
      });
    value = decoded.value;
  }
  const parsed = check(schema, value);
  if (!parsed.ok)
    throw new HubError('bad_request', `invalid request body: ${parsed.error.message}`, {
      status: 422,
      issues: parsed.error.issues,
    });
  return parsed.value;
}

/** A query string checked against its schema; a bad one is a 422 `bad_request`. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = check(schema, c.req.query());
  if (!parsed.ok)
    throw new HubError('bad_request', `invalid query: ${parsed.error.message}`, {
      status: 422,
      issues: parsed.error.issues,
    });
  return parsed.value;
}
