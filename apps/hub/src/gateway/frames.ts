/** The hub's frames that more than one part of the gateway builds. */
import type { ChannelEvent, ServerMessage } from '@sidecast/protocol';

type EventsFrame = Extract<ServerMessage, { type: 'events' }>;

/** An `events` frame; `events` must be non-empty and in seq order, as the log keeps them. */
export function eventsFrame(
  channel: EventsFrame['channel'],
  epoch: string,
  events: readonly ChannelEvent[],
): EventsFrame {
  return { type: 'events', channel, epoch, events: events as ChannelEvent[] };
}
