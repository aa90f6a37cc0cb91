import { describe, expect, it } from 'vitest';
import { EventRing } from './event-ring.js';
import { toLogged } from './logged-event.js';

function logged(seq: number, text = 'x') {
  return toLogged(seq, { kind: 'log', ts: 0, stream: 'stdout', level: 'info', text });
}

describe('EventRing', () => {
  describe('#push', () => {
    it('keeps the newest events up to its count', () => {
      const ring = new EventRing({ ringSize: 3, ringChars: 1e9 });
      for (let seq = 1; seq <= 5000; seq++) ring.push(logged(seq));
      expect(ring.oldestSeq).toBe(4998);
      expect(ring.from(4998, 10).map(({ seq }) => seq)).toEqual([4998, 4999, 5000]);
    });

    it('keeps no more line characters than its bound, but always the newest event', () => {
      const line = logged(100, 'y'.repeat(1000)).line.length;
      const ring = new EventRing({ ringSize: 2000, ringChars: line * 4 });
      for (let seq = 1; seq <= 100; seq++) ring.push(logged(seq, 'y'.repeat(1000)));
      expect(ring.oldestSeq).toBe(97);
      expect(ring.from(97, 1000).map(({ seq }) => seq)).toEqual([97, 98, 99, 100]);
      ring.push(logged(101, 'z'.repeat(line * 10)));
      expect(ring.oldestSeq).toBe(101);
      expect(ring.from(101, 1000).map(({ seq }) => seq)).toEqual([101]);
    });
  });

  describe('#from', () => {
    it('finds nothing older than what it holds, and stops at the newest', () => {
      const ring = new EventRing(
        { ringSize: 5, ringChars: 1e9 },
        [10, 11, 12].map((s) => logged(s)),
      );
      expect(ring.from(9, 5)).toEqual([]);
      expect(ring.from(11, 1).map(({ seq }) => seq)).toEqual([11]);
      expect(ring.from(13, 5)).toEqual([]);
    });
  });

  describe('#truncateFrom', () => {
    it('drops the events from a seq on', () => {
      const ring = new EventRing(
        { ringSize: 5, ringChars: 1e9 },
        [1, 2, 3, 4].map((s) => logged(s)),
      );
      ring.truncateFrom(3);
      expect(ring.from(1, 10).map(({ seq }) => seq)).toEqual([1, 2]);
    });
  });
});
