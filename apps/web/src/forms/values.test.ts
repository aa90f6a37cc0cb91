import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields.js';
import { initialValues, issuesByField, toParams, valuesFromParams } from './values.js';

const fields = fieldsOf({
  type: 'object',
  properties: {
    lines: { type: 'integer', default: 100, minimum: 0, maximum: 1_000_000 },
    rate: { type: 'number', default: 10.0 },
    fail_at: { type: ['integer', 'null'], default: null },
    root: { type: 'string' },
    verbose: { type: 'boolean', default: true },
    mode: { enum: ['fast', 'exact', 3], default: 'fast' },
    tags: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object' },
  },
  required: ['root'],
});

describe('initialValues', () => {
  it('fills in the defaults as the inputs hold them', () => {
    expect(initialValues(fields)).toEqual({
      lines: '100',
      rate: '10',
      fail_at: '',
      root: '',
      verbose: true,
      mode: '"fast"',
      tags: [],
      extra: '',
    });
  });
});

describe('toParams', () => {
  it('sends typed values and leaves out empty optional fields', () => {
    const values = { ...initialValues(fields), root: '/tmp', mode: '3', tags: ['a', '', 'b'] };
    expect(toParams(fields, values)).toEqual({
      ok: true,
      params: { lines: 100, rate: 10, root: '/tmp', verbose: true, mode: 3, tags: ['a', 'b'] },
    });
  });

  it('names every field that cannot be sent, with a sentence each', () => {
    const values = {
      ...initialValues(fields),
      lines: '2.5',
      rate: 'fast',
      fail_at: '-1e7',
      extra: '{nope',
    };
    expect(toParams(fields, values)).toEqual({
      ok: false,
      errors: {
        lines: 'must be a whole number',
        rate: 'must be a number',
        root: 'is required',
        extra: 'must be valid JSON',
      },
    });
    expect(toParams(fields, { ...values, lines: '-1' })).toMatchObject({
      errors: { lines: 'must be at least 0' },
    });
  });
});

describe('issuesByField', () => {
  it('files the hub’s issues under their field, with or without the params prefix', () => {
    expect(
      issuesByField([
        { path: ['params', 'lines'], message: 'must be integer' },
        { path: ['lines'], message: 'must be >= 0' },
        { path: ['jobType'], message: 'is not a job type of this sidecar' },
        { path: [], message: 'must be an object' },
      ]),
    ).toEqual({
      lines: ['must be integer', 'must be >= 0'],
      jobType: ['is not a job type of this sidecar'],
      '': ['must be an object'],
    });
  });
});

describe('valuesFromParams', () => {
  it("fills the form with a job's params, defaults elsewhere, each as its field holds it", () => {
    const form = fieldsOf({
      type: 'object',
      properties: {
        lines: { type: 'integer', default: 100 },
        mode: { enum: ['fast', 'slow'], default: 'fast' },
        tags: { type: 'array', items: { type: 'string' } },
        verbose: { type: 'boolean', default: false },
        name: { type: 'string' },
      },
    });
    expect(
      valuesFromParams(form, { lines: 7, mode: 'slow', tags: ['a', 'b'], verbose: true, gone: 1 }),
    ).toEqual({ lines: '7', mode: '"slow"', tags: ['a', 'b'], verbose: true, name: '' });
    expect(valuesFromParams(form, {})).toMatchObject({ lines: '100', mode: '"fast"' });
  });
});
