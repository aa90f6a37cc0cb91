import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle.js';

describe('LogThrottle', () => {
  describe('#report', () => {
    it('logs the first report, holds back the rest of the interval, then counts them', () => {
      const lines: string[] = [];
      let now = 0;
      const throttle = new LogThrottle(
        (level, text) => lines.push(`${level} ${text}`),
        1_000,
        () => now,
      );
      throttle.report('warning', 'a');
      now = 500;
      throttle.report('warning', 'b');
      throttle.report('warning', 'c');
      now = 1_000;
      throttle.report('error', 'd');
      now = 2_500;
      throttle.report('warning', 'e');
      expect(lines).toEqual(['warning a', 'error d (2 more like it before)', 'warning e']);
    });
  });
});
