import { describe, expect, it } from 'vitest';
import { parseDelimited } from './delimited.js';

describe('parseDelimited', () => {
  it('splits records and fields, with quotes, doubled quotes and quoted line breaks', () => {
    const text = 'name,note\r\n"Smith, J","said ""hi""\nthen left"\nLee,\n';
    expect(parseDelimited(text, ',', 10, true)).toEqual({
      rows: [
        ['name', 'note'],
        ['Smith, J', 'said "hi"\nthen left'],
        ['Lee', ''],
      ],
      totalRows: 3,
    });
  });

  it('keeps the first rows and counts them all', () => {
    const text = Array.from({ length: 50 }, (_, i) => `${String(i)}\t${String(i * 2)}`).join('\n');
    const part = parseDelimited(text, '\t', 5, true);
    expect(part.rows).toHaveLength(5);
    expect(part.rows[4]).toEqual(['4', '8']);
    expect(part.totalRows).toBe(50);
  });

  it('drops the last record of a file cut short', () => {
    expect(parseDelimited('a,b\nc,d\ne,', ',', 10, false)).toEqual({
      rows: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      totalRows: 2,
    });
  });
});
