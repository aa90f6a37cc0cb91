/**
 * Reading stored events back from `events.jsonl`, starting at a known line offset. The hub
 * wrote these lines itself (and checked the file when it loaded it), so they are parsed,
 * not validated again.
 */
import { open } from 'node:fs/promises';
import type { StoredEvent } from '@sidecast/protocol';
import { scanLines } from './scan-lines.js';

/**
 * Up to `limit` events with seq ≥ `first`, reading from `start.offset` (the start of the
 * line of `start.seq`, which is ≤ `first`).
 */
export async function readLines(
  path: string,
  start: { offset: number; seq: number },
  first: number,
  limit: number,
): Promise<StoredEvent[]> {
  const handle = await open(path, 'r');
  const events: StoredEvent[] = [];
  let seq = start.seq;
  try {
    await scanLines(handle, start.offset, (chunk, lineStart, lineEnd) => {
      if (seq >= first)
        events.push(JSON.parse(chunk.toString('utf8', lineStart, lineEnd)) as StoredEvent);
      seq += 1;
      return events.length < limit;
    });
  } finally {
    await handle.close();
  }
  return events;
}
