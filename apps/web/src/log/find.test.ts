import { describe, expect, it } from 'vitest';
import type { LogLine } from '../job-view/timeline.js';
import { findLines, highlight, stepMatch } from './find.js';

const line = (number: number, text: string): LogLine => ({
  seq: number,
  number,
  ts: 0,
  text,
  stream: 'log',
  level: 'info',
});

describe('findLines', () => {
  it('finds every line holding the text, ignoring case, within the count', () => {
    const lines = [line(1, 'Alpha'), line(2, 'beta'), line(3, 'ALPHABET'), line(4, 'alpha')];
    const at = (index: number): LogLine | undefined => lines[index];
    expect(findLines(3, at, 'alpha')).toEqual([0, 2]);
    expect(findLines(4, at, '')).toEqual([]);
  });
});

describe('stepMatch', () => {
  it('moves through the matches both ways, wrapping around', () => {
    expect(stepMatch(undefined, 3, 1)).toBe(0);
    expect(stepMatch(undefined, 3, -1)).toBe(2);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(1, 0, 1)).toBe(0);
  });
});

describe('highlight', () => {
  it('cuts the text where the query occurs, keeping its case', () => {
    expect(highlight('Line one of ONE', 'one')).toEqual([
      { text: 'Line ', match: false },
      { text: 'one', match: true },
      { text: ' of ', match: false },
      { text: 'ONE', match: true },
    ]);
    expect(highlight('plain', '')).toEqual([{ text: 'plain', match: false }]);
  });
});
