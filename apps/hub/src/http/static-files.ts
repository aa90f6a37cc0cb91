/**
 * The built web app at `/` (no token: it holds no data, and it gets the token from the URL
 * fragment). Paths that name no file get `index.html`, so deep links work.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { MiddlewareHandler } from 'hono';
import { contentTypeOf, isInside } from '../artifacts/index.js';
import { WS_PATH } from '../gateway/upgrade-guard.js';
import { PAGE_CONTENT_SECURITY_POLICY } from './security/page-policy.js';

const API_PREFIX = '/api';

/** Vite puts content-hashed files here; they never change under the same name. */
const IMMUTABLE_PREFIX = '/assets/';

export function staticFiles(root: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (!servesApp(c.req.path)) return next();
    const path = decodeURIComponentSafe(c.req.path);
    const file = (path && (await fileUnder(root, path))) ?? (await fileUnder(root, '/index.html'));
    if (file === undefined) return next();
    const cache = path?.startsWith(IMMUTABLE_PREFIX)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    const type = contentTypeOf(file);
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream, 200, {
      'Content-Type': type,
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
      ...(type.startsWith('text/html') && {
        'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
      }),
    });
  };
}

/** The API and the WebSocket answer for themselves: never with the app's page. */
function servesApp(path: string): boolean {
  return !(path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path === WS_PATH);
}

function decodeURIComponentSafe(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The regular file at URL path `path` inside `root`, if there is one. */
async function fileUnder(root: string, path: string): Promise<string | undefined> {
  if (path.includes('\0') || path.includes('\\')) return undefined;
  try {
    const realRoot = await realpath(root);
    const file = await realpath(join(realRoot, path));
    if (!isInside(realRoot, file)) return undefined;
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
