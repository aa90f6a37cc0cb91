/**
 * Channels (DESIGN §3.3): `job:<jobId>` carries one job's events and is replayable;
 * `jobs` and `sidecar` start with a snapshot and then carry one event per change.
 */
import { z } from 'zod';
import { StoredEvent } from './events.js';
import { Job, SidecarStatus } from './records.js';
import { Epoch, Head, JobId, Seq, Timestamp } from './primitives.js';

/** The job list's channel. */
export const JOBS_CHANNEL = 'jobs';
/** The supervisor's channel. */
export const SIDECAR_CHANNEL = 'sidecar';
const JOB_CHANNEL_PREFIX = 'job:';

/** One job's event channel, `job:<jobId>`. */
export const JobChannel = z.templateLiteral([JOB_CHANNEL_PREFIX, JobId]);
export type JobChannel = z.infer<typeof JobChannel>;

/** A channel name a client can subscribe to. */
export const Channel = z.union([z.literal(JOBS_CHANNEL), z.literal(SIDECAR_CHANNEL), JobChannel], {
  error: 'a channel is "jobs", "sidecar" or "job:<jobId>"',
});
export type Channel = z.infer<typeof Channel>;

/** A channel name taken apart. */
export type ChannelRef =
  { kind: 'job'; jobId: string } | { kind: typeof JOBS_CHANNEL } | { kind: typeof SIDECAR_CHANNEL };

/** What `name` refers to, or `undefined` when it is not a channel name. */
export function parseChannel(name: string): ChannelRef | undefined {
  if (name === JOBS_CHANNEL || name === SIDECAR_CHANNEL) return { kind: name };
  if (!JobChannel.safeParse(name).success) return undefined;
  return { kind: 'job', jobId: name.slice(JOB_CHANNEL_PREFIX.length) };
}

/** The channel of job `jobId`. */
export function jobChannel(jobId: string): JobChannel {
  return `${JOB_CHANNEL_PREFIX}${jobId}`;
}

/** A position in a channel: the newest seq seen in the log named by `epoch` (0: none yet). */
export const Since = z.object({ epoch: Epoch, seq: Head });
export type Since = z.infer<typeof Since>;

/** How a job changed, on the `jobs` channel; `removed` is retention deleting it. */
export const JobChange = z.object({
  seq: Seq,
  ts: Timestamp,
  kind: z.literal('job'),
  change: z.enum(['created', 'updated', 'removed']),
  job: Job,
});
export type JobChange = z.infer<typeof JobChange>;

/** The supervisor's new state, on the `sidecar` channel. */
export const SidecarChange = z.object({
  seq: Seq,
  ts: Timestamp,
  kind: z.literal('sidecar'),
  sidecar: SidecarStatus,
});
export type SidecarChange = z.infer<typeof SidecarChange>;

/** An event on any channel: a job's stored event, a job change, or a supervisor change. */
export const ChannelEvent = z.discriminatedUnion('kind', [StoredEvent, JobChange, SidecarChange]);
export type ChannelEvent = z.infer<typeof ChannelEvent>;

/** Whether `kind` belongs on `channel`: job events on `job:*`, `job` on `jobs`, `sidecar` on `sidecar`. */
export function kindFitsChannel(kind: ChannelEvent['kind'], channel: Channel): boolean {
  if (channel === JOBS_CHANNEL) return kind === 'job';
  if (channel === SIDECAR_CHANNEL) return kind === 'sidecar';
  return kind !== 'job' && kind !== 'sidecar';
}
