import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';
import { DEFAULT_RECONNECT } from './options.js';

describe('reconnectDelay', () => {
  it('doubles from 0.5 s up to 10 s without jitter', () => {
    const noJitter = { ...DEFAULT_RECONNECT, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => reconnectDelay(noJitter, attempt))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('spreads each delay by ±50 %', () => {
    expect(reconnectDelay(DEFAULT_RECONNECT, 0, () => 0)).toBe(250);
    expect(reconnectDelay(DEFAULT_RECONNECT, 0, () => 1)).toBe(750);
    expect(reconnectDelay(DEFAULT_RECONNECT, 9, () => 0)).toBe(5000);
    expect(reconnectDelay(DEFAULT_RECONNECT, 9, () => 1)).toBe(15_000);
  });
});
