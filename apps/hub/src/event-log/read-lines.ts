/**
 * Reading stored events back from `events.jsonl`, starting at a known line offset. The hub
 * wrote these lines itself (and checked the file when it loaded it), so they are not
 * validated again: they go back on the wire as the bytes they are.
 */
import type { FileHandle } from 'node:fs/promises';
import { EMPTY_BLOCK, type LineBlock } from './line-block.js';
import type { SparseIndex } from './sparse-index.js';

/** Where a read starts: the offset of the line of `seq`. */
export interface LineStart {
  offset: number;
  seq: number;
}

const READ_BYTES = 256 * 1024;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * Up to `limit` events with seq ≥ `first`, as one block, reading from `start.offset` (the
 * start of the line of `start.seq`, which is ≤ `first`). Only whole lines count. Each line
 * passed on the way is noted in `index`, so a log opened without one gets it as it is read.
 */
export async function readBlock(
  handle: FileHandle,
  start: LineStart,
  first: number,
  limit: number,
  index: SparseIndex,
): Promise<LineBlock> {
  const parts: Buffer[] = [];
  let count = 0;
  let seq = start.seq;
  let position = start.offset;
  let carry: Buffer | undefined;
  while (count < limit) {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
    if (bytesRead === 0) break;
    const chunkOffset = position - (carry?.length ?? 0);
    const chunk = carry
      ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
      : buffer.subarray(0, bytesRead);
    let lineStart = 0;
    let taken = -1;
    while (count < limit) {
      const newline = chunk.indexOf(NEWLINE, lineStart);
      if (newline === -1) break;
      index.note(seq, chunkOffset + lineStart);
      if (seq >= first) {
        if (taken === -1) taken = lineStart;
        // The block joins lines with commas: the newline becomes one, in place.
        chunk[newline] = COMMA;
        count += 1;
      }
      seq += 1;
      lineStart = newline + 1;
    }
    // `buffer` is this read's own, so what is taken from it can stay a view.
    if (taken !== -1) parts.push(chunk.subarray(taken, lineStart));
    carry = chunk.subarray(lineStart);
    position += bytesRead;
  }
  if (count === 0) return EMPTY_BLOCK;
  const json = parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts);
  return { json: json.subarray(0, json.length - 1), count };
}
