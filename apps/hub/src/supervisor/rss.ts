/** A process's resident memory, for `--worker-max-rss` and `GET /api/sidecar`. */
import { readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

/**
 * The resident set of `pid` in bytes, from `/proc/<pid>/statm` (Linux); `undefined` where
 * the OS does not tell, or the process is gone. Synchronous: the file is a few bytes the
 * kernel writes on read, faster than a promise round trip.
 */
export function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const pages = Number(readFileSync(`/proc/${String(pid)}/statm`, 'latin1').split(' ')[1]);
    return Number.isFinite(pages) ? pages * PAGE_BYTES : undefined;
  } catch {
    return undefined;
  }
}
