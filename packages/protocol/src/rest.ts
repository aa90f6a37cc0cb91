/** REST bodies and replies of `/api/*` (DESIGN §3.4); errors are an `ErrorBody`. */
import { z } from 'zod';
import { JobState, StoredEvent } from './events.js';
import { LIMITS } from './limits.js';
import { ArtifactInfo, Job, JobType, SidecarSummary } from './records.js';
import { Epoch, Head, JobTypeName, JsonValue, Params } from './primitives.js';

/** `POST /api/jobs`: start a job; `params` may be left out when the job type needs none. */
export const StartJobRequest = z.object({ jobType: JobTypeName, params: Params.optional() });
export type StartJobRequest = z.infer<typeof StartJobRequest>;

/** `POST /api/jobs/:id/input`: send input to a running interactive job. */
export const InputRequest = z.object({ data: JsonValue });
export type InputRequest = z.infer<typeof InputRequest>;

/** One job: the reply of `POST /api/jobs` (201) and `GET /api/jobs/:id`, and a `start` ack. */
export const JobReply = z.object({ job: Job });
export type JobReply = z.infer<typeof JobReply>;

/** `GET /api/jobs`: jobs, newest first. */
export const JobList = z.object({ jobs: z.array(Job) });
export type JobList = z.infer<typeof JobList>;

/** The query of `GET /api/jobs` (`?state=&limit=`), as the strings a URL carries. */
export const JobListQuery = z.object({
  state: JobState.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxJobListLimit).optional(),
});
export type JobListQuery = z.infer<typeof JobListQuery>;

/** The query of `GET /api/jobs/:id/events` (`?after=&limit=`), as the strings a URL carries. */
export const EventPageQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxEventPageLimit).optional(),
});
export type EventPageQuery = z.infer<typeof EventPageQuery>;

/** `GET /api/jobs/:id/events`: events after `after`; pass `next` as `after` for the next page. */
export const EventPage = z.object({
  epoch: Epoch,
  events: z.array(StoredEvent),
  next: Head,
});
export type EventPage = z.infer<typeof EventPage>;

/** `GET /api/job-types`: what the sidecar can run. */
export const JobTypeList = z.object({ jobTypes: z.array(JobType) });
export type JobTypeList = z.infer<typeof JobTypeList>;

/** `GET /api/jobs/:id/artifacts`: the files a job wrote. */
export const ArtifactList = z.object({ artifacts: z.array(ArtifactInfo) });
export type ArtifactList = z.infer<typeof ArtifactList>;

/** `GET /api/health`: served without a token, so it says nothing secret. */
/** In cluster mode (DESIGN §11): which cluster, which hub this is, and whether Redis answers. */
export const ClusterSummary = z.object({
  name: z.string().min(1),
  hub: z.string().min(1),
  redis: z.enum(['ok', 'unavailable']),
  /** Why Redis is unavailable, when it is. */
  problem: z.string().optional(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string().min(1),
  protocol: z.int().min(1),
  sidecar: SidecarSummary,
  cluster: ClusterSummary.optional(),
});
export type Health = z.infer<typeof Health>;

const Bytes = z.int().min(0);

/**
 * `GET /api/stats`: what the hub is holding, for operators and the benchmark. Queued bytes
 * are frames written to sockets that their peers have not read yet (DESIGN §4 bounds them).
 */
export const HubStats = z.object({
  sessions: z.int().min(0),
  subscriptions: z.int().min(0),
  /** Over all sockets. */
  queuedBytes: Bytes,
  /** On the socket with the most. */
  maxQueuedBytes: Bytes,
  /** The hub process's memory (Node's `process.memoryUsage()`). */
  memory: z.object({ rss: Bytes, heapUsed: Bytes, external: Bytes, arrayBuffers: Bytes }),
});
export type HubStats = z.infer<typeof HubStats>;
