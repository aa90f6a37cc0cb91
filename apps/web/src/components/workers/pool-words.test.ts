import type { SidecarStatus } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { poolInWords } from './pool-words.js';

const status = (overrides: Partial<SidecarStatus>): SidecarStatus => ({
  state: 'ready',
  restarts: 0,
  since: 1,
  size: 4,
  workers: [{ id: 1, state: 'busy', jobsRun: 1, restarts: 0 }],
  failures: 0,
  stderrTail: [],
  rejectedLines: 0,
  reloading: false,
  ...overrides,
});

describe('poolInWords', () => {
  it('says what the pool is doing without the supervisor’s names', () => {
    expect(poolInWords(status({}))).toBe('Ready · 1 of 4 busy');
    expect(poolInWords(status({ reloading: true }))).toBe('Reloading the job code · 1 of 4 busy');
    expect(poolInWords(status({ state: 'circuit_open' }))).toBe(
      'Stopped after failing to start again and again: restart to try again.',
    );
    expect(poolInWords(status({ state: 'circuit_open', loadError: 'x' }))).toBe(
      'Stopped: the job code does not import. Fix it and reload.',
    );
    expect(poolInWords(status({ state: 'idle', workers: [] }))).toMatch(/^Not started yet/);
  });
});
