import { getMimeType } from 'hono/utils/mime';

/** The media type of a file from its name; unknown kinds are plain bytes. */
export function contentTypeOf(path: string): string {
  return getMimeType(path) ?? 'application/octet-stream';
}
