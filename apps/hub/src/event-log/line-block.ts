/**
 * Consecutive events as they go on the wire: their stored lines joined by commas, the
 * inside of a JSON array. A replay frame is a block with a frame's head and tail around it,
 * so events read back from a file go out without ever being cut into strings.
 */
export interface LineBlock {
  /** The lines, comma-joined (no newline, no trailing comma). */
  readonly json: Buffer;
  /** How many events it holds. */
  readonly count: number;
}

const COMMA = Buffer.from(',');

export const EMPTY_BLOCK: LineBlock = { json: Buffer.alloc(0), count: 0 };

/** A block of lines held as strings (the ring, a Redis entry). */
export function blockOf(lines: readonly string[]): LineBlock {
  return lines.length === 0
    ? EMPTY_BLOCK
    : { json: Buffer.from(lines.join(',')), count: lines.length };
}

/** The blocks one after the other, as one. */
export function joinBlocks(blocks: readonly LineBlock[]): LineBlock {
  const filled = blocks.filter((block) => block.count > 0);
  if (filled.length <= 1) return filled[0] ?? EMPTY_BLOCK;
  const parts: Buffer[] = [];
  let count = 0;
  for (const block of filled) {
    if (parts.length > 0) parts.push(COMMA);
    parts.push(block.json);
    count += block.count;
  }
  return { json: Buffer.concat(parts), count };
}

/** The block's events, decoded (the hub's own lines, so not validated again). */
export function blockEvents<T>(block: LineBlock): T[] {
  return block.count === 0 ? [] : (JSON.parse(`[${block.json.toString('utf8')}]`) as T[]);
}
