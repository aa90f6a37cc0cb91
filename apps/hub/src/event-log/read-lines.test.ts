import { mkdtemp, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockEvents } from './line-block.js';
import { readBlock } from './read-lines.js';
import { SparseIndex } from './sparse-index.js';

/** Lines of uneven length (multi-byte characters among them), so reads split lines anywhere. */
const LINES = Array.from(
  { length: 5_000 },
  (_, i) => `{"seq":${String(i + 1)},"text":"${'é✓x'.repeat(i % 97)}"}`,
);

describe('readBlock', () => {
  let dir: string;
  let path: string;
  let handle: FileHandle;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-read-lines-'));
    path = join(dir, 'events.jsonl');
    // A torn last line, as a crash mid-write leaves it: it is not an event yet.
    await writeFile(path, `${LINES.join('\n')}\n{"seq":5001,"te`);
    handle = await open(path, 'r');
  });
  afterAll(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads whole lines across reads of the file, from a known line start', async () => {
    const offsetOf = (seq: number): number =>
      Buffer.byteLength(LINES.slice(0, seq - 1).join('\n')) + (seq > 1 ? 1 : 0);
    for (const [startSeq, first, limit] of [
      [1, 1, 5_000],
      [1, 4_000, 1_000],
      [1_001, 1_500, 2_345],
      [2_048, 2_048, 1],
      [4_990, 4_995, 100],
    ] as const) {
      const block = await readBlock(
        handle,
        { seq: startSeq, offset: offsetOf(startSeq) },
        first,
        limit,
        new SparseIndex(64),
      );
      const expected = LINES.slice(first - 1, first - 1 + limit);
      expect(block.count).toBe(expected.length);
      expect(block.json.toString('utf8')).toBe(expected.join(','));
      expect(blockEvents<{ seq: number }>(block).map((event) => event.seq)).toEqual(
        expected.map((_, i) => first + i),
      );
    }
  });

  it('gives an empty block past the last whole line', async () => {
    const block = await readBlock(handle, { seq: 1, offset: 0 }, 5_001, 10, new SparseIndex(64));
    expect(block.count).toBe(0);
    expect(block.json.length).toBe(0);
  });

  it('notes the lines it passes in the index, so the next read seeks', async () => {
    const index = new SparseIndex(64);
    await readBlock(handle, { seq: 1, offset: 0 }, 3_000, 10, index);
    const start = index.before(2_950);
    expect(start.seq).toBe(2_945);
    const from = await readBlock(handle, start, 2_950, 1, index);
    expect(from.json.toString('utf8')).toBe(LINES[2_949]);
  });
});
