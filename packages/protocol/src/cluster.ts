/**
 * Hub to hub, through the cluster's Redis (DESIGN §11): how a job is stored there, the
 * change every hub hears when a record changes, and the commands a hub forwards to the hub
 * that runs a job. Only hubs read these; each hub parses them once, as they arrive.
 */
import { z } from 'zod';
import { Epoch, JobId, JsonValue } from './primitives.js';
import { Job } from './records.js';

/** A hub's name in its cluster: what `job.hub` says. */
export const HubId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a hub id');
export type HubId = z.infer<typeof HubId>;

/** A job as a store keeps it: its record and what it takes to read its log. */
export const StoredJob = z.object({
  job: Job,
  /** The epoch of the job's log. */
  epoch: Epoch,
  interactive: z.boolean(),
});
export type StoredJob = z.infer<typeof StoredJob>;

/** A job record was created, changed or removed by the hub `from`. */
export const ClusterChange = z.object({
  from: HubId,
  kind: z.enum(['created', 'updated', 'removed']),
  stored: StoredJob,
});
export type ClusterChange = z.infer<typeof ClusterChange>;

const CommandBase = z.object({ jobId: JobId });

/** Cancel the job (the hub running it was asked to by another hub). */
export const ForwardedCancel = CommandBase.extend({ type: z.literal('cancel') });

/** Send input to the interactive job. */
export const ForwardedInput = CommandBase.extend({ type: z.literal('input'), data: JsonValue });

/** What one hub asks of the hub that runs a job. */
export const ForwardedCommand = z.discriminatedUnion('type', [ForwardedCancel, ForwardedInput]);
export type ForwardedCommand = z.infer<typeof ForwardedCommand>;
