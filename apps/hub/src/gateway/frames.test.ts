import { describe, expect, it } from 'vitest';
import { parseServerMessage, type StoredEvent } from '@sidecast/protocol';
import { blockOf } from '../event-log/index.js';
import { encodeBlockFrame, encodeEventsFrame, eventsFrame } from './frames.js';
import { encodeFrame } from './outbox.js';

const events: StoredEvent[] = [
  {
    seq: 7,
    ts: 1_763_700_000_000.5,
    kind: 'log',
    stream: 'stdout',
    level: 'info',
    text: 'a "quoted" \\ line',
  },
  { seq: 8, ts: 1_763_700_000_001, kind: 'data', name: 'token', data: { text: 'é ✓ \u2028' } },
  { seq: 9, ts: 1_763_700_000_002, kind: 'status', state: 'completed' },
];

describe('encodeEventsFrame', () => {
  it('builds from stored lines the frame that serializing the events builds', () => {
    const lines = events.map((event) => JSON.stringify(event));
    const fromLines = encodeEventsFrame('job:j1', 'epoch-1', lines);
    const serialized = encodeFrame(eventsFrame('job:j1', 'epoch-1', events));
    expect(fromLines.equals(serialized)).toBe(true);
    const parsed = parseServerMessage(fromLines.toString('utf8'));
    expect(parsed.ok && parsed.value).toEqual({
      type: 'events',
      channel: 'job:j1',
      epoch: 'epoch-1',
      events,
    });
  });
});

describe('encodeBlockFrame', () => {
  it('builds from a block of lines the same frame as from the lines', () => {
    const lines = events.map((event) => JSON.stringify(event));
    const fromBlock = encodeBlockFrame('job:j1', 'epoch-1', blockOf(lines));
    expect(fromBlock.equals(encodeEventsFrame('job:j1', 'epoch-1', lines))).toBe(true);
  });
});
