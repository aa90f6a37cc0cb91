import { describe, expect, it } from 'vitest';
import { EventPageQuery, JobListQuery } from './rest.js';

describe('rest', () => {
  describe('JobListQuery', () => {
    it('reads the strings of a query string', () => {
      expect(JobListQuery.parse({ state: 'running', limit: '20' })).toEqual({
        state: 'running',
        limit: 20,
      });
      expect(JobListQuery.parse({})).toEqual({});
    });

    it('refuses limits out of range, fractions, words and unknown states', () => {
      for (const query of [
        { limit: '0' },
        { limit: '1001' },
        { limit: '2.5' },
        { limit: 'ten' },
        { limit: '' },
        { state: 'done' },
      ])
        expect(JobListQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    });
  });

  describe('EventPageQuery', () => {
    it('reads after and limit', () => {
      expect(EventPageQuery.parse({ after: '0', limit: '10000' })).toEqual({
        after: 0,
        limit: 10000,
      });
    });

    it('refuses a negative after and an oversized limit', () => {
      expect(EventPageQuery.safeParse({ after: '-1' }).success).toBe(false);
      expect(EventPageQuery.safeParse({ limit: '10001' }).success).toBe(false);
    });
  });
});
