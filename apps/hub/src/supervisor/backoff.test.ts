import { LIMITS } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { restartDelay } from './backoff.js';

describe('restartDelay', () => {
  it('doubles from 1 s and stops at 60 s when there is no jitter', () => {
    const middle = (): number => 0.5;
    const delays = [1, 2, 3, 4, 6, 7, 8, 40].map((n) => restartDelay(n, LIMITS, middle));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('spreads each delay over ±20 %', () => {
    expect(restartDelay(1, LIMITS, () => 0)).toBe(800);
    expect(restartDelay(1, LIMITS, () => 1)).toBe(1200);
    expect(restartDelay(7, LIMITS, () => 1)).toBe(72_000);
  });
});
