import { describe, expect, it } from 'vitest';
import { OutputCap } from './output-cap.js';

describe('OutputCap', () => {
  describe('#admit', () => {
    it('stores lines up to the cap, marks the line that reaches it, then drops', () => {
      const cap = new OutputCap(10);
      expect(cap.admit('abcd')).toBe('store');
      expect(cap.admit('efghij')).toBe('store-and-cut');
      expect(cap.admit('k')).toBe('drop');
      expect(cap.admit('lmn')).toBe('drop');
    });
  });

  describe('#droppedNotice', () => {
    it('is absent until something is dropped, then counts lines and size', () => {
      const cap = new OutputCap(2 * 2 ** 20);
      expect(cap.admit('x'.repeat(2 * 2 ** 20))).toBe('store-and-cut');
      expect(cap.droppedNotice()).toBeUndefined();
      cap.admit('y'.repeat(2 ** 19));
      cap.admit('y'.repeat(2 ** 19));
      expect(cap.droppedNotice()).toMatchObject({
        kind: 'log',
        stream: 'log',
        level: 'warning',
        text: '2 lines (1.0 MiB) over the cap were dropped',
      });
      expect(cap.cutNotice()).toMatchObject({
        text: "this job's log reached its cap of 2.0 MiB; later lines are dropped",
      });
    });
  });
});
