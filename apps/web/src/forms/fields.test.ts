import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields.js';

// What the sidecar sends for `demo.stream` and `files.checksum`, plus the rest of what a form supports.
const SCHEMA = {
  type: 'object',
  properties: {
    lines: { type: 'integer', default: 100, minimum: 0 },
    rate: { type: 'number', default: 10.0 },
    fail_at: { type: ['integer', 'null'], default: null },
    root: { type: 'string', title: 'Folder', description: 'where to start' },
    verbose: { type: 'boolean' },
    mode: { enum: ['fast', 'exact'], default: 'fast' },
    tags: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object' },
  },
  required: ['root'],
  additionalProperties: false,
};

describe('fieldsOf', () => {
  it('turns each property into a field of the right kind, in order', () => {
    const fields = fieldsOf(SCHEMA);
    expect(fields.map(({ name, kind }) => `${name}:${kind}`)).toEqual([
      'lines:integer',
      'rate:number',
      'fail_at:integer',
      'root:string',
      'verbose:boolean',
      'mode:enum',
      'tags:string-list',
      'extra:json',
    ]);
  });

  it('keeps defaults, required, nullable, limits, titles and descriptions', () => {
    const [lines, , failAt, root, , mode] = fieldsOf(SCHEMA);
    expect(lines).toMatchObject({ label: 'Lines', default: 100, minimum: 0, required: false });
    expect(failAt).toMatchObject({ label: 'Fail at', nullable: true, default: null });
    expect(root).toMatchObject({ label: 'Folder', description: 'where to start', required: true });
    expect(mode).toMatchObject({ options: ['fast', 'exact'], default: 'fast' });
  });

  it('gives no fields for a schema without properties, and a JSON field for what it cannot draw', () => {
    expect(fieldsOf({ type: 'object' })).toEqual([]);
    expect(fieldsOf(null)).toEqual([]);
    expect(fieldsOf({ properties: { x: { type: ['string', 'integer'] } } })[0]?.kind).toBe('json');
  });
});
