/** The hub's frames that more than one part of the gateway builds. */
import type { ChannelEvent, ServerMessage } from '@sidecast/protocol';
import type { LineBlock } from '../event-log/index.js';
import type { EncodedFrame } from './outbox.js';

type EventsFrame = Extract<ServerMessage, { type: 'events' }>;

/** An `events` frame; `events` must be non-empty and in seq order, as the log keeps them. */
export function eventsFrame(
  channel: EventsFrame['channel'],
  epoch: string,
  events: readonly ChannelEvent[],
): EventsFrame {
  return { type: 'events', channel, epoch, events: events as ChannelEvent[] };
}

/**
 * The same frame built from the events' lines as the log stored them, so an event is
 * serialized once however many frames carry it. The lines are the hub's own JSON.
 */
export function encodeEventsFrame(
  channel: EventsFrame['channel'],
  epoch: string,
  lines: readonly string[],
): EncodedFrame {
  return Buffer.from(`${frameHead(channel, epoch)}${lines.join(',')}${FRAME_TAIL}`);
}

/** The same frame around a block of lines read back from the log, as bytes throughout. */
export function encodeBlockFrame(
  channel: EventsFrame['channel'],
  epoch: string,
  block: LineBlock,
): EncodedFrame {
  return Buffer.concat([Buffer.from(frameHead(channel, epoch)), block.json, FRAME_TAIL_BYTES]);
}

const FRAME_TAIL = ']}';
const FRAME_TAIL_BYTES = Buffer.from(FRAME_TAIL);

function frameHead(channel: EventsFrame['channel'], epoch: string): string {
  return `{"type":"events","channel":${JSON.stringify(channel)},"epoch":${JSON.stringify(epoch)},"events":[`;
}
