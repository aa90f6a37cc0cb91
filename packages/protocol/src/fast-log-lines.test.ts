import { describe, expect, it } from 'vitest';
import { StoredEvent } from './events.js';
import { scanLogEventLine, scanStoredLogLine } from './fast-log-lines.js';
import { parseSidecarOutbound } from './parse.js';

/** A log event line as the Python sidecar writes it (`output.py`), with `text` as JSON. */
const line = (
  textJson = '"line 7 of 10"',
  { ts = '1796349220410.9128', stream = 'stdout', level = 'info', jobId = 'k2-x_Y' } = {},
): string =>
  `{"type":"event","jobId":"${jobId}","event":{"ts":${ts},"kind":"log","stream":"${stream}","level":"${level}","text":${textJson}}}`;

/** Lines the scan takes; the schema takes each of them too, as the same value. */
const TAKEN: Record<string, string> = {
  'the common line': line(),
  'an empty text': line('""'),
  'stderr at warning': line(undefined, { stream: 'stderr', level: 'warning' }),
  'the log stream at debug': line(undefined, { stream: 'log', level: 'debug' }),
  'escaped quotes and backslashes': line(String.raw`"say \"hi\" \\ bye"`),
  'a tab and non-ASCII, escaped as Python escapes them': line(
    String.raw`"a\tb \u00e9 \ud83d\ude00"`,
  ),
  'an escaped carriage return': line(String.raw`"a\rb"`),
  'a lone surrogate': line(String.raw`"\udc80"`),
  'a ts of 0': line(undefined, { ts: '0' }),
  'a ts with an exponent': line(undefined, { ts: '1.5e+3' }),
  'a whole ts': line(undefined, { ts: '1796349220410' }),
  'raw non-ASCII': line('"é ✓"'),
};

/** Lines of nearly the scanned shape, each off by one thing: the full schema decides them. */
const PASSED_ON: Record<string, string> = {
  'another message type': '{"type":"pong","n":1}',
  'spaces after colons': line().replace('"kind":"log"', '"kind": "log"'),
  'keys in another order': line().replace(
    '"stream":"stdout","level":"info"',
    '"level":"info","stream":"stdout"',
  ),
  'a progress event': '{"type":"event","jobId":"a","event":{"ts":1,"kind":"progress","current":1}}',
  'an extra event field': line('"x","extra":1'),
  'an extra message field': `${line().slice(0, -1)},"extra":1}`,
  'text that is not a string': line('3'),
  'an escaped newline in the text': line(String.raw`"a\nb"`),
  'a newline escaped as \\u000a': line(String.raw`"a\u000ab"`),
  'a raw control character': line('"a\u0001b"'),
  'a bad escape': line(String.raw`"a\qb"`),
  'an unescaped quote': line('"a"b"'),
  'a text that ends in an escaped quote': line(String.raw`"a\"`),
  'an unknown stream': line(undefined, { stream: 'tty' }),
  'a stream name with more after it': line(undefined, { stream: 'stdoutx' }),
  'an unknown level': line(undefined, { level: 'fatal' }),
  'a negative ts': line(undefined, { ts: '-1' }),
  'a ts with a leading zero': line(undefined, { ts: '01' }),
  'a ts ending in a dot': line(undefined, { ts: '1.' }),
  'a ts starting with a dot': line(undefined, { ts: '.5' }),
  'a ts past the largest number': line(undefined, { ts: '1e999' }),
  'a ts in hex': line(undefined, { ts: '0x10' }),
  'a ts that is a string': line(undefined, { ts: '"1"' }),
  'a bad job id': line(undefined, { jobId: 'no spaces' }),
  'an empty job id': line(undefined, { jobId: '' }),
  'a job id with a quote': line(undefined, { jobId: 'a\\"b' }),
  'a cut-off line': line().slice(0, -2),
  'trailing text': `${line()} `,
  'the text field swallowed by the tail':
    '{"type":"event","jobId":"a","event":{"ts":1,"kind":"log","stream":"log","level":"info","text":"}}',
};

describe('scanLogEventLine', () => {
  it('takes the lines of the sidecar’s own form, as the schema would', () => {
    for (const [what, raw] of Object.entries(TAKEN)) {
      const scanned = scanLogEventLine(raw);
      const parsed = parseSidecarOutbound(raw);
      expect(parsed.ok, what).toBe(true);
      expect(scanned, what).toBeDefined();
      if (!parsed.ok || scanned === undefined || parsed.value.type !== 'event') continue;
      expect({ type: 'event', jobId: scanned.jobId, event: scanned.event }, what).toEqual(
        parsed.value,
      );
      expect(JSON.parse(scanned.json), what).toEqual(parsed.value.event);
    }
  });

  it('passes every other line on to the schema', () => {
    for (const [what, raw] of Object.entries(PASSED_ON))
      expect(scanLogEventLine(raw), what).toBeUndefined();
  });

  it('gives the event’s JSON exactly as sent, to store as it came', () => {
    const scanned = scanLogEventLine(line(String.raw`"a\"b"`));
    expect(scanned?.json).toBe(
      String.raw`{"ts":1796349220410.9128,"kind":"log","stream":"stdout","level":"info","text":"a\"b"}`,
    );
  });
});

/** The stored line the hub writes for a sidecar line: the event with `seq` put first. */
const stored = (sidecarLine: string, seq = '42'): string =>
  `{"seq":${seq},${sidecarLine.slice(sidecarLine.indexOf('"ts":'), -1)}`;

/** What the schema alone makes of a stored line. */
const schemaOnly = (raw: string): StoredEvent | undefined => {
  try {
    const parsed = StoredEvent.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const STORED_PASSED_ON: Record<string, string> = {
  'a status line': '{"seq":1,"ts":1,"kind":"status","state":"running"}',
  'seq 0': stored(line(), '0'),
  'a negative seq': stored(line(), '-1'),
  'a fractional seq': stored(line(), '1.5'),
  'a seq past safe integers': stored(line(), '9007199254740992'),
  'a seq with a leading zero': stored(line(), '01'),
  'a seq that is a string': stored(line(), '"1"'),
  'no seq': stored(line()).replace('{"seq":42,', '{'),
  'ts before seq': `{"ts":1,"seq":2,${stored(line()).slice(stored(line()).indexOf('"kind"'))}`,
  'an extra field': stored(line()).replace('"kind":"log"', '"kind":"log","x":1'),
  'the sidecar tail': `${stored(line())}}`,
};

describe('scanStoredLogLine', () => {
  it('takes the log lines the hub writes, as the schema would', () => {
    for (const [what, raw] of Object.entries(TAKEN)) {
      const line = stored(raw);
      expect(scanStoredLogLine(line), what).toEqual(schemaOnly(line));
      expect(scanStoredLogLine(line), what).toBeDefined();
    }
  });

  it('passes every other line on to the schema', () => {
    const cases = {
      ...STORED_PASSED_ON,
      ...Object.fromEntries(
        Object.entries(PASSED_ON)
          // The event-level ones: a stored line has no job id.
          .filter(([what, raw]) => !what.includes('job id') && raw.endsWith('}}'))
          .map(([what, raw]) => [what, stored(raw)]),
      ),
    };
    for (const [what, raw] of Object.entries(cases)) {
      expect(scanStoredLogLine(raw), what).toBeUndefined();
    }
  });
});
