import type { JobType } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { HubError } from '../hub-error.js';
import { ParamsValidator } from './params-validator.js';

const jobType: JobType = {
  name: 'demo.thing',
  interactive: false,
  params: {
    type: 'object',
    properties: {
      count: { type: 'integer', default: 1 },
      mode: { enum: ['fast', 'slow'] },
      tags: { type: 'array', items: { type: 'string' } },
      note: { type: ['string', 'null'] },
    },
    required: ['mode'],
    additionalProperties: false,
  },
};

function issuesOf(params: Record<string, unknown>): unknown {
  try {
    new ParamsValidator().check(jobType, params as never);
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    return (error as HubError).toInfo();
  }
  return undefined;
}

describe('ParamsValidator', () => {
  describe('#check', () => {
    it('accepts params that fit the schema', () => {
      expect(issuesOf({ mode: 'fast', count: 3, tags: ['a'], note: null })).toBeUndefined();
    });

    it('names every field that does not fit, in one 422 invalid_params', () => {
      expect(issuesOf({ count: 1.5, tags: ['a', 2], extra: true })).toEqual({
        code: 'invalid_params',
        message:
          'invalid params for demo.thing: mode: is required; extra: is not a parameter of this job type; count: must be integer; tags.1: must be string',
        issues: [
          { path: ['params', 'mode'], message: 'is required' },
          { path: ['params', 'extra'], message: 'is not a parameter of this job type' },
          { path: ['params', 'count'], message: 'must be integer' },
          { path: ['params', 'tags', 1], message: 'must be string' },
        ],
      });
    });

    it('lists the allowed values of an enum', () => {
      expect(issuesOf({ mode: 'medium' })).toMatchObject({
        issues: [{ path: ['params', 'mode'], message: 'must be one of "fast", "slow"' }],
      });
    });
  });
});
