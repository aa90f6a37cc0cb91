import { describe, expect, it } from 'vitest';
import type { LogLine } from '../job-view/timeline.js';
import { LineFilter } from './line-filter.js';

const line = (number: number, text: string): LogLine => ({
  number,
  seq: number,
  ts: 0,
  stream: 'stdout',
  level: 'info',
  text,
});

describe('LineFilter', () => {
  describe('#update', () => {
    it('shows every line for an empty query', () => {
      const lines = [line(1, 'a'), line(2, 'b')];
      expect(new LineFilter().update(lines, 2, '  ')).toBe(2);
    });

    it('matches case-insensitively, and only looks at new lines as the log grows', () => {
      const lines = [line(1, 'Error: disk'), line(2, 'ok'), line(3, 'another ERROR')];
      const filter = new LineFilter();
      expect(filter.update(lines, 2, 'error')).toBe(1);
      lines.push(line(4, 'fine'));
      expect(filter.update(lines, 4, 'error')).toBe(2);
      expect(filter.lineAt(lines, 1)?.number).toBe(3);
      expect(filter.lineAt(lines, 2)).toBeUndefined();
    });

    it('starts over for a new query or a new log', () => {
      const filter = new LineFilter();
      const lines = [line(1, 'alpha'), line(2, 'beta')];
      expect(filter.update(lines, 2, 'alpha')).toBe(1);
      expect(filter.update(lines, 2, 'beta')).toBe(1);
      expect(filter.lineAt(lines, 0)?.number).toBe(2);
      const fresh = [line(1, 'beta beta')];
      expect(filter.update(fresh, 1, 'beta')).toBe(1);
      expect(filter.lineAt(fresh, 0)?.text).toBe('beta beta');
    });
  });
});
