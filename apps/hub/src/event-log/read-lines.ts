/**
 * Reading stored events back from `events.jsonl`, starting at a known line offset. The hub
 * wrote these lines itself (and checked the file when it loaded it), so they are parsed,
 * not validated again, or not even parsed when they only go back on the wire.
 */
import { open } from 'node:fs/promises';
import type { StoredEvent } from '@sidecast/protocol';
import { scanLines } from './scan-lines.js';

/** Where a read starts: the offset of the line of `seq`. */
export interface LineStart {
  offset: number;
  seq: number;
}

/**
 * Up to `limit` events with seq ≥ `first`, reading from `start.offset` (the start of the
 * line of `start.seq`, which is ≤ `first`).
 */
export async function readLines(
  path: string,
  start: LineStart,
  first: number,
  limit: number,
): Promise<StoredEvent[]> {
  const lines = await readRawLines(path, start, first, limit);
  return lines.map((line) => JSON.parse(line) as StoredEvent);
}

/** As `readLines`, but each event as its line of JSON text. */
export async function readRawLines(
  path: string,
  start: LineStart,
  first: number,
  limit: number,
): Promise<string[]> {
  const handle = await open(path, 'r');
  const lines: string[] = [];
  let seq = start.seq;
  try {
    await scanLines(handle, start.offset, (chunk, lineStart, lineEnd) => {
      if (seq >= first) lines.push(chunk.toString('utf8', lineStart, lineEnd));
      seq += 1;
      return lines.length < limit;
    });
  } finally {
    await handle.close();
  }
  return lines;
}
