import { randomBytes } from 'node:crypto';

/** A new random log epoch: 16 URL- and file-safe characters (96 bits). */
export function newEpoch(): string {
  return randomBytes(12).toString('base64url');
}
