import { describe, expect, it } from 'vitest';
import { isLogEventsFrame } from './fast-frames.js';
import { ServerMessage } from './socket.js';

const line = (seq: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  seq,
  ts: 1796349220410.9128,
  kind: 'log',
  stream: 'log',
  level: 'info',
  text: `line ${String(seq)} of 3`,
  ...extra,
});

const frame = (
  events: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'events',
  channel: 'job:0mx8by1bc-B2HOWk66CJc',
  epoch: 'Lqm0wkfe7vZkrg0y',
  events,
  ...extra,
});

const VALID = frame([line(1), line(2), line(3, { stream: 'stderr', level: 'error' })]);

/** Frames of nearly the common shape, each off by one thing. */
const NEAR_MISSES: Record<string, unknown> = {
  'another frame type': { ...VALID, type: 'synced' },
  'the jobs channel': frame([line(1)], { channel: 'jobs' }),
  'a job channel with a bad id': frame([line(1)], { channel: 'job:no spaces' }),
  'a bad epoch': frame([line(1)], { epoch: '' }),
  'no events': frame([]),
  'events that are not an array': frame([], { events: { 0: line(1) } }),
  'a field the schema drops': frame([line(1)], { extra: true }),
  'an event field the schema drops': frame([line(1, { extra: 1 })]),
  'a progress event': frame([{ seq: 1, ts: 1, kind: 'progress', current: 1 }]),
  'an unknown stream': frame([line(1, { stream: 'tty' })]),
  'an unknown level': frame([line(1, { level: 'fatal' })]),
  'a text with a newline': frame([line(1, { text: 'a\nb' })]),
  'a text that is not a string': frame([line(1, { text: 3 })]),
  'seq 0': frame([line(0)]),
  'a fractional seq': frame([line(1.5)]),
  'a seq past safe integers': frame([line(2 ** 53)]),
  'seqs out of order': frame([line(2), line(1)]),
  'a repeated seq': frame([line(2), line(2)]),
  'a negative ts': frame([line(1, { ts: -1 })]),
  'a ts that is a string': frame([line(1, { ts: '1' })]),
  'an event that is an array': frame([[1, 2]]),
  'an event that is null': frame([null]),
  'a frame that is an array': [VALID],
};

describe('isLogEventsFrame', () => {
  it('takes the common frame, which the schema takes unchanged', () => {
    expect(isLogEventsFrame(VALID)).toBe(true);
    const parsed = ServerMessage.safeParse(VALID);
    expect(parsed.success && parsed.data).toEqual(VALID);
  });

  it.each(Object.entries(NEAR_MISSES))('leaves %s to the full schema', (_, value) => {
    expect(isLogEventsFrame(value)).toBe(false);
  });

  it('never takes a frame the schema refuses or changes', () => {
    for (const value of [VALID, ...Object.values(NEAR_MISSES)]) {
      if (!isLogEventsFrame(value)) continue;
      const parsed = ServerMessage.safeParse(value);
      expect(parsed.success && parsed.data).toEqual(value);
    }
  });
});
