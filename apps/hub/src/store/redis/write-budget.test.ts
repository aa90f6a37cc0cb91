import { describe, expect, it } from 'vitest';
import { WriteBudget } from './write-budget.js';

describe('WriteBudget', () => {
  describe('#take', () => {
    it('holds bytes up to the limit and refuses what would pass it, holding nothing then', () => {
      const budget = new WriteBudget(100);
      expect(budget.take(60)).toBe(true);
      expect(budget.take(50)).toBe(false);
      expect(budget.usedBytes).toBe(60);
      expect(budget.take(40)).toBe(true);
      budget.give(100);
      expect(budget.usedBytes).toBe(0);
    });
  });

  describe('#hold', () => {
    it("keeps a job's last event even past the limit", () => {
      const budget = new WriteBudget(10);
      budget.take(10);
      budget.hold(5);
      expect(budget.usedBytes).toBe(15);
      expect(budget.take(1)).toBe(false);
    });
  });
});
