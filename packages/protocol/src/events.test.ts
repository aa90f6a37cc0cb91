import { describe, expect, it } from 'vitest';
import {
  JobState,
  isTerminal,
  isTerminalState,
  type JobEvent,
  type StoredEvent,
} from './events.js';

describe('events', () => {
  describe('#isTerminalState', () => {
    it('is true for completed, failed and cancelled only', () => {
      expect(JobState.options.filter(isTerminalState)).toEqual([
        'completed',
        'failed',
        'cancelled',
      ]);
    });
  });

  describe('#isTerminal', () => {
    it('recognises the status event that ends a log', () => {
      const done: StoredEvent = { seq: 9, ts: 1, kind: 'status', state: 'cancelled' };
      expect(isTerminal(done)).toBe(true);
    });

    it('is false for non-terminal states and other kinds', () => {
      const events: JobEvent[] = [
        { ts: 1, kind: 'status', state: 'running' },
        { ts: 1, kind: 'result', value: 'completed' },
        { ts: 1, kind: 'error', message: 'failed' },
      ];
      expect(events.filter((event) => isTerminal(event))).toEqual([]);
    });
  });
});
