import { describe, expect, it } from 'vitest';
import { childrenOf, summaryOf } from './json-node.js';

describe('childrenOf', () => {
  it('lists array items by index and object members by key', () => {
    expect(childrenOf(['a', 1])).toEqual([
      ['0', 'a'],
      ['1', 1],
    ]);
    expect(childrenOf({ x: null })).toEqual([['x', null]]);
  });

  it('gives leaves no children', () => {
    expect(childrenOf('text')).toBeUndefined();
    expect(childrenOf(null)).toBeUndefined();
  });
});

describe('summaryOf', () => {
  it('counts what a folded node holds and writes leaves as JSON', () => {
    expect(summaryOf([1, 2])).toBe('[2 items]');
    expect(summaryOf({ a: 1 })).toBe('{1 key}');
    expect(summaryOf('a"b')).toBe('"a\\"b"');
  });
});
