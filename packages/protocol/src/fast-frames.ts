/**
 * The check of the frame a client receives most, done by hand: an `events` frame of a
 * job's channel whose events are all log lines (a busy job's whole replay and live tail).
 * It accepts exactly what the zod schema accepts for that shape, nothing more; a frame of
 * any other shape, or with a field it does not expect, goes to the full schema instead.
 * A replay of a million events spends most of its time validating, and this shape is
 * nearly all of it.
 */
import { EPOCH_PATTERN, JOB_ID_PATTERN } from './primitives.js';
import type { ServerMessage } from './socket.js';

const FRAME_KEYS = 4;
const LOG_EVENT_KEYS = 6;
const STREAMS = new Set(['stdout', 'stderr', 'log']);
const LEVELS = new Set(['debug', 'info', 'warning', 'error']);
const JOB_CHANNEL_PREFIX = 'job:';

type EventsFrame = Extract<ServerMessage, { type: 'events' }>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyCount(record: Record<string, unknown>): number {
  let count = 0;
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) count += 1;
  return count;
}

function isLogEvent(event: unknown, previousSeq: number): event is { seq: number } {
  if (!isRecord(event) || event.kind !== 'log') return false;
  const { seq, ts, stream, level, text } = event;
  return (
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 1 &&
    seq > previousSeq &&
    typeof ts === 'number' &&
    ts >= 0 &&
    typeof stream === 'string' &&
    STREAMS.has(stream) &&
    typeof level === 'string' &&
    LEVELS.has(level) &&
    typeof text === 'string' &&
    !text.includes('\n') &&
    keyCount(event) === LOG_EVENT_KEYS
  );
}

/** Whether `value` (decoded JSON) is an `events` frame of log lines that the schema accepts as it is. */
export function isLogEventsFrame(value: unknown): value is EventsFrame {
  if (!isRecord(value) || value.type !== 'events') return false;
  const { channel, epoch, events } = value;
  if (
    typeof channel !== 'string' ||
    !channel.startsWith(JOB_CHANNEL_PREFIX) ||
    !JOB_ID_PATTERN.test(channel.slice(JOB_CHANNEL_PREFIX.length)) ||
    typeof epoch !== 'string' ||
    !EPOCH_PATTERN.test(epoch) ||
    !Array.isArray(events) ||
    events.length === 0 ||
    keyCount(value) !== FRAME_KEYS
  )
    return false;
  let previousSeq = 0;
  for (const event of events) {
    if (!isLogEvent(event, previousSeq)) return false;
    previousSeq = event.seq;
  }
  return true;
}
