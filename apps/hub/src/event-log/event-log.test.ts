import { mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EPOCH_PATTERN, StoredEvent, type JobEvent } from '@sidecast/protocol';
import { EventLog, type EventLogOptions } from './event-log.js';
import { loadLog } from './load-log.js';
import { newEpoch } from './epoch.js';

const SMALL: EventLogOptions = {
  ringSize: 10,
  ringChars: 1_000_000,
  fsyncIntervalMs: 1000,
  indexEvery: 4,
};

function line(n: number): JobEvent {
  return {
    ts: 1_763_700_000_000 + n,
    kind: 'log',
    stream: 'stdout',
    level: 'info',
    text: `line ${String(n)}`,
  };
}

const completed: JobEvent = { ts: 1_763_700_009_999, kind: 'status', state: 'completed' };

function seqs(events: readonly { seq: number }[]): number[] {
  return events.map((event) => event.seq);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('EventLog', () => {
  let dir: string;
  let path: string;

  async function openLog(options = SMALL): Promise<EventLog> {
    const { loaded } = await loadLog(path, options);
    return EventLog.open(path, newEpoch(), loaded, options);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-log-'));
    path = join(dir, 'events.jsonl');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('#append', () => {
    it('numbers events from 1 with no gaps and writes each as one JSON line', async () => {
      const log = await openLog();
      expect(log.epoch).toMatch(EPOCH_PATTERN);
      const stored = [1, 2, 3].map((n) => log.append(line(n)));
      expect(seqs(stored)).toEqual([1, 2, 3]);
      expect(stored[0]).toEqual({ ...line(1), seq: 1 });
      expect(log.head).toBe(3);
      await log.close();
      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      expect(lines.map((text) => StoredEvent.parse(JSON.parse(text)))).toEqual(stored);
    });
  });

  describe('#read', () => {
    it('reads any range, from the ring or the file', async () => {
      const log = await openLog();
      for (let n = 1; n <= 100; n += 1) log.append(line(n));
      await log.flushed();
      expect(seqs(await log.read(0, 1000))).toEqual(range(1, 100));
      expect(seqs(await log.read(37, 5))).toEqual(range(38, 42));
      expect(seqs(await log.read(85, 10))).toEqual(range(86, 95));
      expect(seqs(await log.read(88, 100))).toEqual(range(89, 100));
      expect(await log.read(100, 10)).toEqual([]);
      expect(await log.read(3, 0)).toEqual([]);
      const events = await log.read(49, 1);
      expect(events).toEqual([{ ...line(50), seq: 50 }]);
      await log.close();
    });

    it('gives only events that reached the file', async () => {
      const log = await openLog();
      for (let n = 1; n <= 50; n += 1) log.append(line(n));
      expect(log.head).toBe(50);
      expect(await log.read(0, 100)).toEqual([]);
      await log.flushed();
      expect(seqs(await log.read(0, 100))).toEqual(range(1, 50));
      expect(seqs(await log.read(10, 5))).toEqual(range(11, 15));
      await log.close();
    });

    it('stays gapless while writes land during the read', async () => {
      const log = await openLog();
      for (let n = 1; n <= 500; n += 1) log.append(line(n));
      await log.flushed();
      const reading = log.read(0, 10_000);
      for (let n = 501; n <= 600; n += 1) log.append(line(n));
      const events = await reading;
      expect(seqs(events)).toEqual(range(1, events.length));
      expect(events.length).toBeGreaterThanOrEqual(500);
      await log.close();
    });
  });

  describe('#readBlock', () => {
    it('gives events as the lines the file holds, comma-joined, from the ring or the file', async () => {
      const log = await openLog();
      for (let n = 1; n <= 60; n += 1) log.append(line(n));
      await log.flushed();
      const fileLines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      const expectBlock = async (after: number, limit: number, lines: string[]): Promise<void> => {
        const block = await log.readBlock(after, limit);
        expect(block.count).toBe(lines.length);
        expect(block.json.toString('utf8')).toBe(lines.join(','));
      };
      await expectBlock(55, 3, fileLines.slice(55, 58));
      await expectBlock(0, 1000, fileLines);
      await expectBlock(12, 7, fileLines.slice(12, 19));
      await expectBlock(45, 10, fileLines.slice(45, 55));
      await expectBlock(60, 5, []);
      await log.close();
    });
  });

  describe('#abandon', () => {
    it('after a write error, ends the log in memory after the last stored event', async () => {
      const log = await openLog();
      const errors: Error[] = [];
      const batches: number[][] = [];
      log.onWriteError((error) => errors.push(error));
      log.subscribe((events) => batches.push(seqs(events)));
      for (let n = 1; n <= 5; n += 1) log.append(line(n));
      await log.flushed();
      // Closing the file under the writer makes its next write fail, as a full disk would.
      await (
        log as unknown as { writer: { handle: { close(): Promise<void> } } }
      ).writer.handle.close();
      for (let n = 6; n <= 8; n += 1) log.append(line(n));
      await log.flushed();
      expect(errors).toHaveLength(1);
      expect(log.writeError).toBe(errors[0]);
      const failed = log.abandon({ ts: 1, kind: 'status', state: 'failed', reason: 'disk full' });
      expect(failed.seq).toBe(6);
      expect(log.head).toBe(6);
      expect(batches).toEqual([[1, 2, 3, 4, 5], [6]]);
      expect(seqs(await log.read(0, 100))).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(5);
    });
  });

  describe('#subscribe', () => {
    it('delivers the events of each write as one batch, in order, once written', async () => {
      const log = await openLog();
      const batches: number[][] = [];
      const unsubscribe = log.subscribe((events) => batches.push(seqs(events)));
      log.append(line(1));
      log.append(line(2));
      log.append(line(3));
      expect(batches).toEqual([]);
      await log.flushed();
      log.append(line(4));
      await log.flushed();
      unsubscribe();
      log.append(line(5));
      await log.flushed();
      expect(batches).toEqual([[1, 2, 3], [4]]);
      await log.close();
    });

    it('hands over each event with its stored line', async () => {
      const log = await openLog();
      const lines: string[] = [];
      log.subscribe((batch) => lines.push(...batch.map((logged) => logged.line)));
      log.append(line(1));
      log.append(completed);
      await log.close();
      expect(lines).toEqual((await readFile(path, 'utf8')).trimEnd().split('\n'));
    });

    it('delivers the last turn before closing, so a terminal status is never held back', async () => {
      const log = await openLog();
      const batches: number[][] = [];
      log.subscribe((events) => batches.push(seqs(events)));
      log.append(line(1));
      log.append(completed);
      await log.close();
      await new Promise((resolve) => setImmediate(resolve));
      expect(batches).toEqual([[1, 2]]);
    });
  });

  describe('reopening', () => {
    it('continues the seq and serves the old events', async () => {
      const first = await openLog();
      for (let n = 1; n <= 30; n += 1) first.append(line(n));
      first.append(completed);
      await first.close();

      const { loaded, report } = await loadLog(path, SMALL);
      expect(report).toEqual({ droppedBytes: 0 });
      expect(loaded.head).toBe(31);
      expect(seqs(loaded.recent)).toEqual(range(22, 31));
      const second = await EventLog.open(path, newEpoch(), loaded, SMALL);
      expect(seqs(await second.read(0, 100))).toEqual(range(1, 31));
      expect(second.append(line(32)).seq).toBe(32);
      expect(seqs(await second.read(5, 3))).toEqual([6, 7, 8]);
      await second.close();
    });

    it('cuts off a torn last line so appends carry on without a gap', async () => {
      const first = await openLog();
      for (let n = 1; n <= 3; n += 1) first.append(line(n));
      await first.close();
      await appendFile(path, '{"seq":4,"ts":1,"kind":"log","stream":"std');
      const { loaded, report } = await loadLog(path, SMALL);
      expect(loaded.head).toBe(3);
      expect(report.problem).toBe('the last line is incomplete');
      expect(report.droppedBytes).toBeGreaterThan(0);
      const second = await EventLog.open(path, newEpoch(), loaded, SMALL);
      second.append(line(4));
      await second.close();
      const again = await loadLog(path, SMALL);
      expect(again.report).toEqual({ droppedBytes: 0 });
      expect(seqs(again.loaded.recent)).toEqual([1, 2, 3, 4]);
    });

    it('stops at a line that breaks the seq order', async () => {
      const first = await openLog();
      first.append(line(1));
      await first.close();
      await appendFile(path, `${JSON.stringify({ ...line(3), seq: 3 })}\n`);
      const { loaded, report } = await loadLog(path, SMALL);
      expect(loaded.head).toBe(1);
      expect(report.problem).toBe('seq 3 follows 1');
    });

    it('treats a missing file as an empty log', async () => {
      const { loaded } = await loadLog(path, SMALL);
      expect(loaded.head).toBe(0);
      expect(loaded.recent).toEqual([]);
    });
  });
});
