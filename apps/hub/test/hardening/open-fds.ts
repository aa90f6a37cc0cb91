/** File descriptors this process has open (Linux), for leak checks. */
import { readdirSync } from 'node:fs';

export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}
