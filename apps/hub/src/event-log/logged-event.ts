/** An event as the log holds it, and how it becomes one. */
import type { JobEvent, StoredEvent } from '@sidecast/protocol';

/** An event as the log holds it: numbered, and serialized as its line in the file. */
export interface LoggedEvent {
  readonly seq: number;
  readonly event: StoredEvent;
  /** The event's JSON, exactly as in `events.jsonl` (without the newline). */
  readonly line: string;
}

/**
 * Number `event` and serialize it. `json`, when given, is the event's JSON exactly, as the
 * worker sent it: the line is that with the seq put first, not a second serialization. Log
 * lines are nearly every event of a busy job, so without it they are built field by field:
 * their other fields are numbers and enum values, so the text is the only one to escape,
 * and the line is the one `JSON.stringify` would give, in a third of the time.
 */
export function toLogged(seq: number, event: JobEvent, json?: string): LoggedEvent {
  if (event.kind !== 'log') {
    const stored: StoredEvent = { seq, ...event };
    return {
      seq,
      event: stored,
      line: json === undefined ? JSON.stringify(stored) : withSeq(seq, json),
    };
  }
  const { ts, stream, level, text } = event;
  const line =
    json === undefined
      ? `{"seq":${String(seq)},"ts":${String(ts)},"kind":"log","stream":"${stream}","level":"${level}","text":${JSON.stringify(text)}}`
      : withSeq(seq, json);
  return { seq, event: { seq, ts, kind: 'log', stream, level, text }, line };
}

/** `json`, an event's JSON object, with `seq` as its first key. */
function withSeq(seq: number, json: string): string {
  return `{"seq":${String(seq)},${json.slice(1)}`;
}
