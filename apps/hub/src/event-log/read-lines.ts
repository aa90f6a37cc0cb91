/**
 * Reading stored events back from `events.jsonl`, starting at a known line offset. The hub
 * wrote these lines itself (and checked the file when it loaded it), so they are parsed,
 * not validated again.
 */
import { open } from 'node:fs/promises';
import type { StoredEvent } from '@sidecast/protocol';

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

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
  try {
    let position = start.offset;
    let seq = start.seq;
    let carry: Buffer | undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    while (events.length < limit) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const chunk = carry
        ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
        : buffer.subarray(0, bytesRead);
      let lineStart = 0;
      let newline = chunk.indexOf(NEWLINE, lineStart);
      while (newline !== -1 && events.length < limit) {
        if (seq >= first)
          events.push(JSON.parse(chunk.toString('utf8', lineStart, newline)) as StoredEvent);
        seq += 1;
        lineStart = newline + 1;
        newline = chunk.indexOf(NEWLINE, lineStart);
      }
      carry = Buffer.from(chunk.subarray(lineStart));
    }
  } finally {
    await handle.close();
  }
  return events;
}
