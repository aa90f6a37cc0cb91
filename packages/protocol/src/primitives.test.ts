import { describe, expect, it } from 'vitest';
import { artifactPathProblem } from './primitives.js';

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
});
