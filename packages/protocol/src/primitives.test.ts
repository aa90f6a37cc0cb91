import { describe, expect, it } from 'vitest';
import { artifactPathProblem, isJsonValue, JsonValue } from './primitives.js';

describe('primitives', () => {
  describe('#artifactPathProblem', () => {
    it('accepts relative paths with ordinary names', () => {
      for (const path of ['a.txt', 'reports/2026/summary.json', '...', 'a..b/.c'])
        expect(artifactPathProblem(path), path).toBeUndefined();
    });

    it('says which rule a path breaks', () => {
      expect(artifactPathProblem('')).toMatch(/empty/);
      expect(artifactPathProblem('x'.repeat(1025))).toMatch(/at most 1024/);
      expect(artifactPathProblem('a/\u0000')).toMatch(/NUL/);
      expect(artifactPathProblem('a\\b')).toMatch(/"\\"/);
      expect(artifactPathProblem('/a')).toMatch(/relative/);
      expect(artifactPathProblem('c:x')).toMatch(/relative/);
      expect(artifactPathProblem('a/')).toMatch(/empty segment/);
      expect(artifactPathProblem('a/../b')).toMatch(/"\.\."/);
      expect(artifactPathProblem(`${'x'.repeat(256)}/a`)).toMatch(/segment .* at most 255/);
    });
  });

  describe('#isJsonValue', () => {
    it('accepts what JSON can carry', () => {
      for (const value of [
        '',
        'é',
        0,
        -1.5,
        true,
        null,
        [],
        {},
        [1, 'a', [null]],
        { a: { b: [1] } },
      ])
        expect(isJsonValue(value), JSON.stringify(value)).toBe(true);
      expect(isJsonValue(Object.create(null))).toBe(true);
    });

    it('refuses what JSON cannot carry, however deep', () => {
      for (const value of [
        undefined,
        NaN,
        Infinity,
        1n,
        Symbol('s'),
        () => 1,
        new Date(0),
        new Map(),
      ])
        expect(isJsonValue(value), typeof value).toBe(false);
      expect(isJsonValue({ a: [1, { b: undefined }] })).toBe(false);
      expect(isJsonValue([[[NaN]]])).toBe(false);
    });

    it('checks nesting far deeper than a recursive check could without overflowing', () => {
      const deep = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`) as unknown;
      expect(isJsonValue(deep)).toBe(true);
    });
  });

  describe('JsonValue', () => {
    it('says what it expected when a value is not JSON', () => {
      const result = JsonValue.safeParse({ when: new Date(0) });
      expect(result.error?.issues[0]?.message).toBe(
        'expected a JSON value (string, finite number, boolean, null, array or object)',
      );
    });
  });
});
