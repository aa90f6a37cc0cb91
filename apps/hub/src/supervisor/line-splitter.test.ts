import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function splitter(max = 16): { lines: string[]; oversized: number[]; split: LineSplitter } {
  const lines: string[] = [];
  const oversized: number[] = [];
  const split = new LineSplitter(max, {
    line: (text) => lines.push(text),
    oversized: (bytes) => oversized.push(bytes),
  });
  return { lines, oversized, split };
}

describe('LineSplitter', () => {
  describe('#push', () => {
    it('joins lines that arrive in pieces and splits chunks holding several', () => {
      const { lines, split } = splitter();
      split.push(Buffer.from('ab'));
      split.push(Buffer.from('c\nde\n\nf'));
      split.push(Buffer.from('g\n'));
      expect(lines).toEqual(['abc', 'de', '', 'fg']);
    });

    it('decodes a multi-byte character split across chunks', () => {
      const { lines, split } = splitter();
      const bytes = Buffer.from('é\n');
      split.push(bytes.subarray(0, 1));
      split.push(bytes.subarray(1));
      expect(lines).toEqual(['é']);
    });

    it('drops a line over the cap, reports its size once, and keeps the next line', () => {
      const { lines, oversized, split } = splitter(4);
      split.push(Buffer.from('ok\n12345'));
      split.push(Buffer.from('6789\nfine\n'));
      expect(lines).toEqual(['ok', 'fine']);
      expect(oversized).toEqual([9]);
    });

    it('accepts a line of exactly the cap', () => {
      const { lines, oversized, split } = splitter(4);
      split.push(Buffer.from('1234\n'));
      expect(lines).toEqual(['1234']);
      expect(oversized).toEqual([]);
    });
  });

  describe('#end', () => {
    it('delivers a last line that has no newline', () => {
      const { lines, split } = splitter();
      split.push(Buffer.from('a\nlast'));
      split.end();
      expect(lines).toEqual(['a', 'last']);
    });
  });
});
