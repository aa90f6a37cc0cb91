import { describe, expect, it } from 'vitest';
import { decodeEntry } from './stream-reader.js';

describe('decodeEntry', () => {
  it("reads a batch's first seq from its id and its lines from `d`", () => {
    expect(decodeEntry(['41-0', ['n', '2', 'd', '{"seq":41}\n{"seq":42}', 'w', 'hub-a']])).toEqual({
      first: 41,
      lines: ['{"seq":41}', '{"seq":42}'],
    });
  });

  it('reads a batch with no lines as empty', () => {
    expect(decodeEntry(['7-0', ['n', '0', 'w', 'hub-a']])).toEqual({ first: 7, lines: [] });
  });
});
