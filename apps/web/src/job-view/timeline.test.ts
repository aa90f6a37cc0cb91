import type { StoredEvent } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { KEPT_DATA_VALUES, Timeline, textOf } from './timeline.js';

let seq = 0;
type Unnumbered = StoredEvent extends infer E
  ? E extends StoredEvent
    ? Omit<E, 'seq' | 'ts'>
    : never
  : never;
const at = (event: Unnumbered): StoredEvent => {
  seq += 1;
  return { seq, ts: seq * 10, ...event };
};

describe('Timeline', () => {
  describe('#apply', () => {
    it('numbers log lines from 1 and keeps their stream and level', () => {
      const timeline = new Timeline();
      timeline.apply([
        at({ kind: 'status', state: 'running' }),
        at({ kind: 'log', stream: 'stdout', level: 'info', text: 'one' }),
        at({ kind: 'progress', current: 1, total: 2 }),
        at({ kind: 'log', stream: 'stderr', level: 'warning', text: 'two' }),
      ]);
      expect(
        timeline.lines.map(({ number, stream, level, text }) => [number, stream, level, text]),
      ).toEqual([
        [1, 'stdout', 'info', 'one'],
        [2, 'stderr', 'warning', 'two'],
      ]);
      expect(timeline.progress).toEqual({ current: 1, total: 2, message: undefined });
      expect(timeline.head).toBe(seq);
    });

    it('takes the start and end times from the status events', () => {
      const timeline = new Timeline();
      const running = at({ kind: 'status', state: 'running' });
      const done = at({ kind: 'status', state: 'failed', reason: 'boom' });
      timeline.apply([at({ kind: 'status', state: 'queued' }), running, done]);
      expect(timeline.startedAt).toBe(running.ts);
      expect(timeline.endedAt).toBe(done.ts);
      expect([timeline.state, timeline.reason]).toEqual(['failed', 'boom']);
    });

    it('joins streamed text into the reply to the last input, as a conversation', () => {
      const timeline = new Timeline();
      timeline.apply([
        at({ kind: 'input', data: 'hi' }),
        at({ kind: 'data', name: 'token', data: 'Hello ' }),
        at({ kind: 'data', name: 'token', data: 'there.' }),
        at({ kind: 'input', data: { text: 'again' } }),
        at({ kind: 'data', name: 'token', data: 'Yes.' }),
      ]);
      expect(timeline.conversation).toEqual([
        { from: 'viewer', text: 'hi' },
        { from: 'job', text: 'Hello there.' },
        { from: 'viewer', text: 'again' },
        { from: 'job', text: 'Yes.' },
      ]);
      expect(timeline.data.get('token')).toMatchObject({ text: 'Hello there.Yes.', count: 3 });
    });

    it('keeps the newest non-text data values of each name', () => {
      const timeline = new Timeline();
      timeline.apply(
        Array.from({ length: KEPT_DATA_VALUES + 5 }, (_, i) =>
          at({ kind: 'data', name: 'point', data: { i } }),
        ),
      );
      const stream = timeline.data.get('point');
      expect(stream?.count).toBe(KEPT_DATA_VALUES + 5);
      expect(stream?.values).toHaveLength(KEPT_DATA_VALUES);
      expect(stream?.values[0]).toEqual({ i: 5 });
    });

    it('keeps artifacts by path, the result, and the error', () => {
      const timeline = new Timeline();
      timeline.apply([
        at({ kind: 'artifact', path: 'a.txt', size: 1 }),
        at({ kind: 'artifact', path: 'a.txt', size: 2, contentType: 'text/plain' }),
        at({ kind: 'result', value: null }),
        at({ kind: 'error', message: 'bad', traceback: 'Traceback…' }),
      ]);
      expect([...timeline.artifacts.values()]).toEqual([
        { path: 'a.txt', size: 2, contentType: 'text/plain' },
      ]);
      expect([timeline.hasResult, timeline.result]).toEqual([true, null]);
      expect(timeline.error).toEqual({ message: 'bad', traceback: 'Traceback…' });
    });
  });
});

describe('textOf', () => {
  it('shows strings as they are, {text} by its text, anything else as JSON', () => {
    expect(textOf('hi')).toBe('hi');
    expect(textOf({ text: 'hello' })).toBe('hello');
    expect(textOf({ end: true })).toBe('{"end":true}');
  });
});
