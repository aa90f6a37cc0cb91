import { describe, expect, it } from 'vitest';
import { idleToStop, workersToStart } from './scaling.js';

describe('scaling', () => {
  describe('#workersToStart', () => {
    const counts = { size: 4, live: 0, busy: 0, waiting: 0, eager: false };

    it('keeps one worker warm beyond those the busy and waiting jobs need', () => {
      expect(workersToStart(counts)).toBe(1);
      expect(workersToStart({ ...counts, live: 1, busy: 1 })).toBe(1);
      expect(workersToStart({ ...counts, live: 2, busy: 1, waiting: 2 })).toBe(2);
    });

    it('never grows past the size, and starts the whole pool when eager', () => {
      expect(workersToStart({ ...counts, live: 3, busy: 3, waiting: 5 })).toBe(1);
      expect(workersToStart({ ...counts, live: 4, busy: 4, waiting: 5 })).toBe(0);
      expect(workersToStart({ ...counts, eager: true })).toBe(4);
      expect(workersToStart({ ...counts, live: 5 })).toBe(0);
    });
  });

  describe('#idleToStop', () => {
    it('stops workers idle past the limit but keeps the most recently used one', () => {
      const idle = [{ idleSince: 0 }, { idleSince: 10 }, { idleSince: 50_000 }];
      expect(idleToStop(idle, 60_000, 70_000, false)).toEqual([
        { idleSince: 10 },
        { idleSince: 0 },
      ]);
      expect(idleToStop(idle, 60_000, 60_005, false)).toEqual([{ idleSince: 0 }]);
      expect(idleToStop([{ idleSince: 0 }], 60_000, 1e9, false)).toEqual([]);
      expect(idleToStop(idle, 60_000, 1e9, true)).toEqual([]);
    });
  });
});
