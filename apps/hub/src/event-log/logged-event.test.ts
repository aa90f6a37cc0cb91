import type { JobEvent } from '@sidecast/protocol';
import { describe, expect, it } from 'vitest';
import { toLogged } from './logged-event.js';

describe('toLogged', () => {
  it('numbers an event and serializes it as JSON.stringify would', () => {
    const events: JobEvent[] = [
      { ts: 1, kind: 'status', state: 'running' },
      { ts: 2.5, kind: 'progress', current: 3, total: 10 },
      { ts: 3, kind: 'data', name: 'token', data: { text: 'hi', n: [1, null] } },
    ];
    for (const event of events) {
      const logged = toLogged(7, event);
      expect(logged.event).toEqual({ seq: 7, ...event });
      expect(logged.line).toBe(JSON.stringify({ seq: 7, ...event }));
    }
  });

  it('builds log lines field by field to the same text, whatever the line holds', () => {
    const texts = [
      '',
      'plain',
      'quote " and \\ backslash',
      'tab\tbell\u0007',
      'é ü 日本 🎉',
      '\ud800 lone',
      '\u2028',
    ];
    for (const text of texts) {
      const event: JobEvent = {
        ts: 1763000000000.125,
        kind: 'log',
        stream: 'stderr',
        level: 'error',
        text,
      };
      const logged = toLogged(42, event);
      expect(logged.line).toBe(JSON.stringify({ seq: 42, ...event }));
      expect(logged.event).toEqual({ seq: 42, ...event });
      expect(JSON.parse(logged.line)).toEqual(logged.event);
    }
  });

  it('stores the JSON the worker sent as it came, with the seq put first', () => {
    const json = String.raw`{"ts":1763000000000.125,"kind":"log","stream":"stdout","level":"info","text":"\u00e9 \"q\""}`;
    const event: JobEvent = JSON.parse(json) as JobEvent;
    const logged = toLogged(9, event, json);
    expect(logged.line).toBe(`{"seq":9,${json.slice(1)}`);
    expect(JSON.parse(logged.line)).toEqual({ seq: 9, ...event });
    expect(logged.event).toEqual({ seq: 9, ...event });
  });
});
