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

    it('decodes invalid UTF-8 line by line, the same whether lines come alone or together', () => {
      // "a", a lead byte with no continuation, newline, "b", a byte UTF-8 never uses, newline.
      const bytes = Buffer.from([0x61, 0xc3, 0x0a, 0x62, 0xff, 0x0a]);
      const together = splitter();
      together.split.push(bytes);
      const alone = splitter();
      for (const byte of bytes) alone.split.push(Buffer.from([byte]));
      expect(together.lines).toEqual(['a\ufffd', 'b\ufffd']);
      expect(alone.lines).toEqual(together.lines);
    });

    it('splits a chunk longer than the cap line by line, dropping only the long line', () => {
      const { lines, oversized, split } = splitter(4);
      split.push(Buffer.from('ab\n123456\ncd\n\nef'));
      split.end();
      expect(lines).toEqual(['ab', 'cd', '', 'ef']);
      expect(oversized).toEqual([6]);
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
