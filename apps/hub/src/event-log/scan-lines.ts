/** Walking the newline-terminated lines of a log file in large reads. */
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

/**
 * Called with each whole line: the buffer holding it, the line's bounds in that buffer
 * (without its newline) and its byte offset in the file. Returning false stops the walk.
 */
export type LineVisitor = (chunk: Buffer, start: number, end: number, offset: number) => boolean;

/** Visit every line of `handle` that starts at or after byte `offset` and has its newline. */
export async function scanLines(
  handle: FileHandle,
  offset: number,
  visit: LineVisitor,
): Promise<void> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry: Buffer | undefined;
  let position = offset;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    const chunk = carry
      ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
      : buffer.subarray(0, bytesRead);
    const chunkOffset = position - (carry?.length ?? 0);
    position += bytesRead;
    let lineStart = 0;
    for (
      let newline = chunk.indexOf(NEWLINE);
      newline !== -1;
      newline = chunk.indexOf(NEWLINE, lineStart)
    ) {
      if (!visit(chunk, lineStart, newline, chunkOffset + lineStart)) return;
      lineStart = newline + 1;
    }
    // Copied: the next read reuses `buffer`.
    carry = Buffer.from(chunk.subarray(lineStart));
  }
}
