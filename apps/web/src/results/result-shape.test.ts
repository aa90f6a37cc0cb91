import type { JsonValue } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { cellText, resultShape } from './result-shape.js';

describe('resultShape', () => {
  it('makes a table of a list of flat objects, with every key as a column', () => {
    expect(
      resultShape([
        { name: 'a', n: 1 },
        { name: 'b', ok: true },
      ]),
    ).toEqual({
      kind: 'table',
      columns: ['name', 'n', 'ok'],
      rows: [
        { name: 'a', n: 1 },
        { name: 'b', ok: true },
      ],
    });
  });

  it('makes a key/value list of a flat object', () => {
    expect(resultShape({ files: 5, bytes: 1000 })).toEqual({
      kind: 'fields',
      entries: [
        ['files', 5],
        ['bytes', 1000],
      ],
    });
  });

  it('leaves anything else as JSON', () => {
    const others: JsonValue[] = [
      { nested: { a: 1 } },
      [1, 2],
      [{ a: [1] }],
      'text',
      3,
      null,
      [],
      {},
    ];
    for (const value of others) expect(resultShape(value).kind).toBe('json');
    expect(resultShape(undefined).kind).toBe('json');
  });
});

describe('cellText', () => {
  it('shows strings as they are and the rest as JSON', () => {
    expect([
      cellText('a'),
      cellText(1),
      cellText(null),
      cellText(true),
      cellText(undefined),
    ]).toEqual(['a', '1', 'null', 'true', '']);
  });
});
