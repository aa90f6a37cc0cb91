/**
 * The checks of the lines a hub reads most, done by hand on the text: a sidecar's `event`
 * line carrying a log event, in the exact form the Python sidecar writes it (compact, keys
 * in its order), and a stored log event as the hub writes it to `events.jsonl`. Each accepts
 * only what the schema accepts (`parseSidecarOutbound`, `parseStoredEvent`), and gives the
 * same value; any other line, or any variation of these, goes to the full schema. A job
 * logging flat out sends little else, and decoding each of its lines into objects was the
 * hub's biggest cost per event, as checking each stored line was when it reloads a log.
 */
import type { JobEvent, StoredEvent } from './events.js';
import { JOB_ID_PATTERN } from './primitives.js';

/** A log event line, checked; `json` is the event's own JSON exactly as the sidecar sent it. */
type LogEvent = Extract<JobEvent, { kind: 'log' }>;

export interface ScannedLogEvent {
  jobId: string;
  event: LogEvent;
  json: string;
}

const SIDECAR_HEAD = '{"type":"event","jobId":"';
const EVENT_HEAD = '","event":{"ts":';
const SIDECAR_TAIL = '"}}';
const SEQ_HEAD = '{"seq":';
const TS = '"ts":';
const STORED_TAIL = '"}';
const KIND_AND_STREAM = ',"kind":"log","stream":"';
const LEVEL = '","level":"';
const TEXT = '","text":"';
const STREAMS = ['stdout', 'stderr', 'log'] as const;
const LEVELS = ['debug', 'info', 'warning', 'error'] as const;
/** What a JSON string body cannot hold unescaped, and what makes decoding it necessary. */
// eslint-disable-next-line no-control-regex -- JSON strings cannot hold these raw
const NOT_PLAIN = /["\\\u0000-\u001f]/;

const ZERO = 0x30;
const NINE = 0x39;
const isDigit = (code: number): boolean => code >= ZERO && code <= NINE;

/** The end of the non-negative JSON number at `start` (no sign), or -1 if there is none. */
function numberEnd(raw: string, start: number): number {
  let at = start;
  if (raw.charCodeAt(at) === ZERO) at += 1;
  else if (isDigit(raw.charCodeAt(at))) while (isDigit(raw.charCodeAt(at))) at += 1;
  else return -1;
  if (raw.charCodeAt(at) === 0x2e) {
    at += 1;
    if (!isDigit(raw.charCodeAt(at))) return -1;
    while (isDigit(raw.charCodeAt(at))) at += 1;
  }
  const exponent = raw.charCodeAt(at);
  if (exponent === 0x65 || exponent === 0x45) {
    at += 1;
    const sign = raw.charCodeAt(at);
    if (sign === 0x2b || sign === 0x2d) at += 1;
    if (!isDigit(raw.charCodeAt(at))) return -1;
    while (isDigit(raw.charCodeAt(at))) at += 1;
  }
  return at;
}

/** The one of `names` that `raw` holds at `at`, followed by `"`. */
function nameAt<N extends string>(raw: string, at: number, names: readonly N[]): N | undefined {
  for (const name of names)
    if (raw.charCodeAt(at + name.length) === 0x22 && raw.startsWith(name, at)) return name;
  return undefined;
}

/** The text of a JSON string body (between its quotes) that holds one line, if it is one. */
function lineText(body: string): string | undefined {
  if (!NOT_PLAIN.test(body)) return body;
  let text: unknown;
  try {
    text = JSON.parse(`"${body}"`);
  } catch {
    return undefined;
  }
  return typeof text === 'string' && !text.includes('\n') ? text : undefined;
}

/**
 * The log event written `"ts":…,"kind":"log","stream":…,"level":…,"text":"…"`,
 * from its ts at `tsStart` to the text's closing quote, which is followed by `tail` and the
 * end of `raw`; undefined if that is not exactly what `raw` holds there.
 */
function scanLogFields(raw: string, tsStart: number, tail: string): LogEvent | undefined {
  if (!raw.endsWith(tail)) return undefined;
  const tsEnd = numberEnd(raw, tsStart);
  if (tsEnd === -1 || !raw.startsWith(KIND_AND_STREAM, tsEnd)) return undefined;
  const ts = Number(raw.slice(tsStart, tsEnd));
  if (!Number.isFinite(ts)) return undefined;
  const streamAt = tsEnd + KIND_AND_STREAM.length;
  const stream = nameAt(raw, streamAt, STREAMS);
  if (stream === undefined || !raw.startsWith(LEVEL, streamAt + stream.length)) return undefined;
  const levelAt = streamAt + stream.length + LEVEL.length;
  const level = nameAt(raw, levelAt, LEVELS);
  if (level === undefined || !raw.startsWith(TEXT, levelAt + level.length)) return undefined;
  const textAt = levelAt + level.length + TEXT.length;
  if (textAt > raw.length - tail.length) return undefined;
  const text = lineText(raw.slice(textAt, raw.length - tail.length));
  return text === undefined ? undefined : { ts, kind: 'log', stream, level, text };
}

/** `raw` as a log event line, if it is one in the sidecar's own form; otherwise undefined. */
export function scanLogEventLine(raw: string): ScannedLogEvent | undefined {
  if (!raw.startsWith(SIDECAR_HEAD)) return undefined;
  const idEnd = raw.indexOf('"', SIDECAR_HEAD.length);
  if (idEnd === -1 || !raw.startsWith(EVENT_HEAD, idEnd)) return undefined;
  const jobId = raw.slice(SIDECAR_HEAD.length, idEnd);
  if (!JOB_ID_PATTERN.test(jobId)) return undefined;
  const eventAt = idEnd + EVENT_HEAD.length - `{${TS}`.length;
  const event = scanLogFields(raw, idEnd + EVENT_HEAD.length, SIDECAR_TAIL);
  if (event === undefined) return undefined;
  const json = raw.slice(eventAt, raw.length - 1);
  return { jobId, event, json };
}

/**
 * `raw` as a stored log event, if it is a line of `events.jsonl` in the form the hub writes
 * (`{"seq":…,` then the sidecar's form of the event); otherwise undefined.
 */
export function scanStoredLogLine(raw: string): Extract<StoredEvent, { kind: 'log' }> | undefined {
  if (!raw.startsWith(SEQ_HEAD)) return undefined;
  const seqEnd = numberEnd(raw, SEQ_HEAD.length);
  if (seqEnd === -1 || !raw.startsWith(`,${TS}`, seqEnd)) return undefined;
  const seq = Number(raw.slice(SEQ_HEAD.length, seqEnd));
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  const event = scanLogFields(raw, seqEnd + 1 + TS.length, STORED_TAIL);
  if (event === undefined) return undefined;
  // Spelled out: an object spread here cost as much as the rest of the scan.
  const { ts, stream, level, text } = event;
  return { seq, ts, kind: 'log', stream, level, text };
}
