import { describe, expect, it } from 'vitest';
import type { LogLine } from '../job-view/timeline.js';
import { Folding, groupHeaderAt, groupMarker } from './groups.js';

const lines = ['a', '::group::Build', 'b', '::endgroup::', 'c', '::group::', 'd'].map(
  (text, index): LogLine => ({
    number: index + 1,
    seq: index + 1,
    ts: 0,
    stream: 'stdout',
    level: 'info',
    text,
  }),
);

describe('groupMarker', () => {
  it('reads the start of a group with its name, and its end', () => {
    expect(groupMarker('::group::Build wheels ')).toEqual({ kind: 'start', name: 'Build wheels' });
    expect(groupMarker('::group::')).toEqual({ kind: 'start', name: 'Group' });
    expect(groupMarker('::endgroup::')).toEqual({ kind: 'end' });
    expect(groupMarker('a ::group::x')).toBeUndefined();
  });
});

describe('groupHeaderAt', () => {
  it('finds the group a line is in, and none outside groups', () => {
    expect(groupHeaderAt(lines, 2)).toBe(2);
    expect(groupHeaderAt(lines, 4)).toBeUndefined();
    expect(groupHeaderAt(lines, 6)).toBe(6);
    expect(groupHeaderAt(lines, 0)).toBeUndefined();
    // A header is shown folded or not: no group to open for it.
    expect(groupHeaderAt(lines, 5)).toBeUndefined();
  });
});

describe('Folding', () => {
  describe('#toggle', () => {
    it('opens and folds again, counting each change', () => {
      const folding = new Folding();
      expect(folding.isOpen(2)).toBe(false);
      folding.toggle(2);
      expect(folding.isOpen(2)).toBe(true);
      folding.open(2);
      expect(folding.version).toBe(1);
      folding.toggle(2);
      expect([folding.isOpen(2), folding.version]).toEqual([false, 2]);
    });
  });
});
