import { randomBytes } from 'node:crypto';

/**
 * A new job id: a millisecond timestamp (so ids sort by creation in a directory listing)
 * and 64 random bits, URL- and file-safe.
 */
export function newJobId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${randomBytes(8).toString('base64url')}`;
}
