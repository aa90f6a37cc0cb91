import { describe, expect, it } from 'vitest';
import type { LogLine } from '../job-view/timeline.js';
import { Folding } from './groups.js';
import { LineView } from './line-view.js';

const line = (number: number, text: string): LogLine => ({
  number,
  seq: number,
  ts: 0,
  stream: 'stdout',
  level: 'info',
  text,
});

describe('LineView', () => {
  describe('#update', () => {
    it('shows every line for an empty query', () => {
      const lines = [line(1, 'a'), line(2, 'b')];
      expect(new LineView().update(lines, 2, '  ', new Folding())).toBe(2);
    });

    it('matches case-insensitively, and only looks at new lines as the log grows', () => {
      const lines = [line(1, 'Error: disk'), line(2, 'ok'), line(3, 'another ERROR')];
      const filter = new LineView();
      const folding = new Folding();
      expect(filter.update(lines, 2, 'error', folding)).toBe(1);
      lines.push(line(4, 'fine'));
      expect(filter.update(lines, 4, 'error', folding)).toBe(2);
      expect(filter.lineAt(lines, 1)?.number).toBe(3);
      expect(filter.lineAt(lines, 2)).toBeUndefined();
    });

    it('starts over for a new query or a new log', () => {
      const filter = new LineView();
      const folding = new Folding();
      const lines = [line(1, 'alpha'), line(2, 'beta')];
      expect(filter.update(lines, 2, 'alpha', folding)).toBe(1);
      expect(filter.update(lines, 2, 'beta', folding)).toBe(1);
      expect(filter.lineAt(lines, 0)?.number).toBe(2);
      const fresh = [line(1, 'beta beta')];
      expect(filter.update(fresh, 1, 'beta', folding)).toBe(1);
      expect(filter.lineAt(fresh, 0)?.text).toBe('beta beta');
    });

    const grouped = [
      line(1, 'start'),
      line(2, '::group::Install'),
      line(3, 'pip install a'),
      line(4, 'pip install b'),
      line(5, '::endgroup::'),
      line(6, 'done'),
    ];
    const numbers = (view: LineView, count: number): number[] =>
      Array.from({ length: count }, (_, index) => view.lineAt(grouped, index)?.number ?? 0);

    it('folds every group at first, and never shows ::endgroup:: lines', () => {
      const view = new LineView();
      const count = view.update(grouped, grouped.length, '', new Folding());
      expect(numbers(view, count)).toEqual([1, 2, 6]);
    });

    it('shows an opened group, and starts over when the folding changes', () => {
      const view = new LineView();
      const folding = new Folding();
      expect(view.update(grouped, grouped.length, '', folding)).toBe(3);
      folding.toggle(2);
      const count = view.update(grouped, grouped.length, '', folding);
      expect(numbers(view, count)).toEqual([1, 2, 3, 4, 6]);
      expect(view.shownIndexOf(3)).toBe(3);
      folding.toggle(2);
      expect(view.update(grouped, grouped.length, '', folding)).toBe(3);
      expect(view.shownIndexOf(3)).toBe(-1);
    });

    it('filters inside folded groups too', () => {
      const view = new LineView();
      const count = view.update(grouped, grouped.length, 'install', new Folding());
      expect(numbers(view, count)).toEqual([2, 3, 4]);
    });

    it('folds the lines of a group that is still being written', () => {
      const view = new LineView();
      const folding = new Folding();
      expect(view.update(grouped, 3, '', folding)).toBe(2);
      expect(view.update(grouped, grouped.length, '', folding)).toBe(3);
    });
  });
});
