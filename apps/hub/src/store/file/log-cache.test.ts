import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_LOG_OPTIONS, toLogged } from '../../event-log/index.js';
import { LogCache } from './log-cache.js';

const CHECK_AFTER_MS = 600;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('LogCache', () => {
  let dir: string;
  let path: string;
  let warnings: string[];
  let cache: LogCache;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-log-cache-'));
    path = join(dir, 'events.jsonl');
    const lines = Array.from(
      { length: 600 },
      (_, i) =>
        toLogged(i + 1, {
          ts: i,
          kind: 'log',
          stream: 'log',
          level: 'info',
          text: `line ${String(i + 1)}`,
        }).line,
    );
    // A line no hub wrote: the check finds it, the unchecked read does not look.
    await appendFile(path, `${lines.join('\n')}\n{"seq":601,"kind":"nonsense"}\n`);
    warnings = [];
    cache = new LogCache(
      4,
      { ...DEFAULT_EVENT_LOG_OPTIONS, ringSize: 10, indexEvery: 16 },
      (level, text) => {
        if (level === 'warning') warnings.push(text);
      },
      CHECK_AFTER_MS,
    );
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('#get', () => {
    it('serves a finished log at once, and checks it once it is left alone', async () => {
      const log = await cache.get('j1', path, 'epoch1', 600);
      const block = await log.readBlock(0, 600);
      expect(block.count).toBe(600);
      expect(warnings).toEqual([]);
      // Asked for again within the wait: the check waits on, past when it was first due.
      await sleep(CHECK_AFTER_MS / 2);
      await cache.get('j1', path, 'epoch1', 600);
      await sleep((CHECK_AFTER_MS * 2) / 3);
      expect(warnings).toEqual([]);
      await sleep(CHECK_AFTER_MS * 2);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/events\.jsonl: cut \d+ bytes \(a line is not a stored event/);
    });

    it('drops the check of a log it forgets', async () => {
      await cache.get('j1', path, 'epoch1', 600);
      cache.forget('j1');
      await sleep(CHECK_AFTER_MS * 2);
      expect(warnings).toEqual([]);
    });
  });
});
