import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseServerMessage } from '@sidecast/protocol';
import { EventLog, loadLog, newEpoch, type EventLogOptions } from '../event-log/index.js';
import { ReplayPages, type ReplayPage } from './replay-pages.js';

const OPTIONS: EventLogOptions = {
  ringSize: 16,
  ringChars: 1_000_000,
  fsyncIntervalMs: 1000,
  indexEvery: 8,
};

function seqsOf(page: ReplayPage | undefined): number[] {
  if (page === undefined) return [];
  const parsed = parseServerMessage(page.frame.toString('utf8'));
  if (!parsed.ok || parsed.value.type !== 'events') throw new Error('not an events frame');
  return parsed.value.events.map((event) => event.seq);
}

describe('ReplayPages', () => {
  let dir: string;
  let log: EventLog;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-pages-'));
    const path = join(dir, 'events.jsonl');
    log = await EventLog.open(path, newEpoch(), (await loadLog(path, OPTIONS)).loaded, OPTIONS);
    for (let n = 1; n <= 25; n += 1)
      log.append({ ts: n, kind: 'log', stream: 'log', level: 'info', text: `line ${String(n)}` });
    await log.flushed();
  });

  afterEach(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('#next', () => {
    it('pages the log on fixed boundaries and says where each page ends', async () => {
      const pages = new ReplayPages('job:j1', log, { pageSize: 10, keptPages: 4, readAhead: 0 });
      const first = await pages.next(0);
      expect(seqsOf(first)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(first?.last).toBe(10);
      // A cursor inside a page gets the rest of that page, then whole pages again.
      expect(seqsOf(await pages.next(13))).toEqual([14, 15, 16, 17, 18, 19, 20]);
      expect(seqsOf(await pages.next(20))).toEqual([21, 22, 23, 24, 25]);
      expect(await pages.next(25)).toBeUndefined();
    });

    it('gives every viewer at a page boundary the same frame', async () => {
      const pages = new ReplayPages('job:j1', log, { pageSize: 10, keptPages: 4, readAhead: 0 });
      const [a, b] = await Promise.all([pages.next(10), pages.next(10)]);
      expect(a?.frame).toBe(b?.frame);
      expect((await pages.next(10))?.frame).toBe(a?.frame);
    });

    it('finds a page it no longer keeps while a socket still holds it', async () => {
      const pages = new ReplayPages('job:j1', log, { pageSize: 5, keptPages: 1, readAhead: 0 });
      const held = await pages.next(0);
      await pages.next(5);
      await pages.next(10);
      expect((await pages.next(0))?.frame).toBe(held?.frame);
    });

    it('reads the next whole pages along with the one asked for', async () => {
      const pages = new ReplayPages('job:j1', log, { pageSize: 5, keptPages: 8, readAhead: 2 });
      const reads: number[] = [];
      const readBlock = log.readBlock.bind(log);
      log.readBlock = (after, limit) => {
        reads.push(after);
        return readBlock(after, limit);
      };
      expect(seqsOf(await pages.next(0))).toEqual([1, 2, 3, 4, 5]);
      expect(reads).toEqual([0, 5, 10]);
      // Pages read ahead are served as they are; the one after them is read with two more,
      // but never past what is stored (25 events: pages up to 25).
      expect(seqsOf(await pages.next(5))).toEqual([6, 7, 8, 9, 10]);
      expect(seqsOf(await pages.next(10))).toEqual([11, 12, 13, 14, 15]);
      expect(reads).toEqual([0, 5, 10, 15, 20]);
      expect(seqsOf(await pages.next(15))).toEqual([16, 17, 18, 19, 20]);
      expect(seqsOf(await pages.next(20))).toEqual([21, 22, 23, 24, 25]);
      expect(reads).toEqual([0, 5, 10, 15, 20]);
    });
  });
});
