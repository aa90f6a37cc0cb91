/** The hub's frames that more than one part of the gateway builds. */
import type { ChannelEvent, ServerMessage } from '@sidecast/protocol';
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
  const head = `{"type":"events","channel":${JSON.stringify(channel)},"epoch":${JSON.stringify(epoch)},"events":[`;
  return Buffer.from(`${head}${lines.join(',')}]}`);
}
