import { describe, expect, it } from 'vitest';
import { circuitOpens } from './breaker.js';

describe('circuitOpens', () => {
  const options = { circuitBreakerFailures: 5 };
  const timeout = { signature: 'no ready message within 10000 ms', deterministic: false };
  const crash = { signature: 'a worker exited with code 1: SyntaxError', deterministic: true };

  it('opens after 5 failures in a row, whatever they were', () => {
    expect(circuitOpens(4, timeout, timeout.signature, options)).toBe(false);
    expect(circuitOpens(5, timeout, timeout.signature, options)).toBe(true);
  });

  it('opens at once when the same exit repeats: trying again will not help', () => {
    expect(circuitOpens(1, crash, undefined, options)).toBe(false);
    expect(circuitOpens(2, crash, crash.signature, options)).toBe(true);
    expect(circuitOpens(2, crash, 'something else', options)).toBe(false);
  });
});
