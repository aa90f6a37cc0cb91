/**
 * The WebSocket protocol on `/ws` (DESIGN §3.3). Commands (`ClientMessage`) carry a
 * client-chosen `id` and get exactly one `ack` or `nack`; the hub's frames are `ServerMessage`.
 */
import { z } from 'zod';
import { Channel, ChannelEvent, Since, kindFitsChannel } from './channels.js';
import { ErrorCode, ErrorInfo } from './errors.js';
import { Job, SidecarStatus } from './records.js';
import { Epoch, Head, JobId, JobTypeName, JsonValue, Params, RequestId } from './primitives.js';

/** Fields every command carries; each command narrows `type` to its own name. */
const Command = z.object({ type: z.string(), id: RequestId });

/** Join a channel; with `since`, resume after that position instead of replaying it all. */
export const SubscribeCommand = Command.extend({
  type: z.literal('subscribe'),
  channel: Channel,
  since: Since.optional(),
});

/** Leave a channel. */
export const UnsubscribeCommand = Command.extend({
  type: z.literal('unsubscribe'),
  channel: Channel,
});

/** Start a job; the `ack` carries `{job}`. */
export const StartCommand = Command.extend({
  type: z.literal('start'),
  jobType: JobTypeName,
  params: Params.optional(),
});

/** Cancel a queued or running job. */
export const CancelCommand = Command.extend({ type: z.literal('cancel'), jobId: JobId });

/** Send input to a running interactive job. */
export const InputCommand = Command.extend({
  type: z.literal('input'),
  jobId: JobId,
  data: JsonValue,
});

/** Round-trip check; acked at once. */
export const PingCommand = Command.extend({ type: z.literal('ping') });

/** Everything a client sends on the WebSocket. */
export const ClientMessage = z.discriminatedUnion('type', [
  SubscribeCommand,
  UnsubscribeCommand,
  StartCommand,
  CancelCommand,
  InputCommand,
  PingCommand,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Fields every hub frame carries; each frame narrows `type` to its own name. */
const Frame = z.object({ type: z.string() });

/** The first frame on every connection: protocol version, hub version, session id. */
export const WelcomeMessage = Frame.extend({
  type: z.literal('welcome'),
  protocol: z.int().min(1),
  version: z.string().min(1),
  session: z.string().min(1),
});

/** Command `id` succeeded; `result` is the command's answer, where it has one. */
export const AckMessage = Frame.extend({
  type: z.literal('ack'),
  id: RequestId,
  result: JsonValue.optional(),
});

/** Command `id` failed. */
export const NackMessage = Frame.extend({
  type: z.literal('nack'),
  id: RequestId,
  error: ErrorInfo,
});

/**
 * A subscription began at `head` of log `epoch`; `recovered: false` means the requested
 * position could not be resumed and replay starts from the oldest retained event.
 */
export const SubscribedMessage = Frame.extend({
  type: z.literal('subscribed'),
  channel: Channel,
  epoch: Epoch,
  head: Head,
  recovered: z.boolean(),
});

/** A batch of a channel's events: seq strictly increasing, kinds that belong on the channel. */
export const EventsMessage = Frame.extend({
  type: z.literal('events'),
  channel: Channel,
  epoch: Epoch,
  events: z.array(ChannelEvent).min(1),
}).superRefine(({ channel, events }, ctx) => {
  events.forEach((event, index) => {
    if (!kindFitsChannel(event.kind, channel))
      ctx.addIssue({
        code: 'custom',
        message: `a "${event.kind}" event does not belong on channel "${channel}"`,
        path: ['events', index, 'kind'],
      });
    const previous = events[index - 1];
    if (previous !== undefined && event.seq <= previous.seq)
      ctx.addIssue({
        code: 'custom',
        message: `seq must increase within a batch: ${String(event.seq)} follows ${String(previous.seq)}`,
        path: ['events', index, 'seq'],
      });
  });
});

/** Replay is done: everything up to `head` has been sent; live events follow. */
export const SyncedMessage = Frame.extend({
  type: z.literal('synced'),
  channel: Channel,
  head: Head,
});

/** The job list as of the subscription's `head`. */
export const JobsSnapshotMessage = Frame.extend({
  type: z.literal('snapshot'),
  channel: z.literal('jobs'),
  jobs: z.array(Job),
});

/** The supervisor's state as of the subscription's `head`. */
export const SidecarSnapshotMessage = Frame.extend({
  type: z.literal('snapshot'),
  channel: z.literal('sidecar'),
  sidecar: SidecarStatus,
});

/** The current state of a `jobs` or `sidecar` channel, sent once after `subscribed`. */
export const SnapshotMessage = z.discriminatedUnion('channel', [
  JobsSnapshotMessage,
  SidecarSnapshotMessage,
]);

/** How many viewers a channel has now; sent when one joins or leaves. */
export const PresenceMessage = Frame.extend({
  type: z.literal('presence'),
  channel: Channel,
  viewers: z.int().min(0),
});

/** A problem not tied to a command, e.g. a frame that was not JSON. */
export const ErrorMessage = Frame.extend({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string().min(1),
});

/** Everything the hub sends on the WebSocket. */
export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeMessage,
  AckMessage,
  NackMessage,
  SubscribedMessage,
  EventsMessage,
  SyncedMessage,
  SnapshotMessage,
  PresenceMessage,
  ErrorMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
