/** The records the hub serves over REST and snapshots: jobs, job types, artifacts, the sidecar. */
import { z } from 'zod';
import { JobFailure, JobState } from './events.js';
import {
  ArtifactPath,
  Head,
  JobId,
  JobTypeName,
  JsonValue,
  Params,
  Timestamp,
} from './primitives.js';

/** The JSON Schema of a job type's params, derived by the sidecar from the function signature. */
export const ParamsSchema = z.looseObject({
  type: z.literal('object'),
  properties: z.record(z.string(), z.record(z.string(), JsonValue)),
  required: z.array(z.string()).optional(),
});
export type ParamsSchema = z.infer<typeof ParamsSchema>;

/** A kind of job the sidecar can run, as its `@job` decorator describes it. */
export const JobType = z.object({
  name: JobTypeName,
  title: z.string().optional(),
  description: z.string().optional(),
  params: ParamsSchema,
  interactive: z.boolean(),
  /** Seconds a run may take before it is stopped and fails (DESIGN §5). */
  timeout: z.number().positive().optional(),
  /** Most runs of this type at once; the rest wait in the queue, in order. */
  concurrency: z.int().min(1).optional(),
});
export type JobType = z.infer<typeof JobType>;

/** One run of a job type, with its outcome once it has one; `head` is its newest event's seq. */
export const Job = z.object({
  id: JobId,
  jobType: JobTypeName,
  params: Params,
  state: JobState,
  createdAt: Timestamp,
  startedAt: Timestamp.optional(),
  endedAt: Timestamp.optional(),
  result: JsonValue.optional(),
  error: JobFailure.optional(),
  head: Head,
  /** In a cluster (DESIGN §11): the hub whose worker runs or ran it. */
  hub: z.string().min(1).max(64).optional(),
});
export type Job = z.infer<typeof Job>;

/** A file in a job's artifacts folder. */
export const ArtifactInfo = z.object({
  path: ArtifactPath,
  size: z.int().min(0),
  contentType: z.string().min(1),
  modifiedAt: Timestamp,
});
export type ArtifactInfo = z.infer<typeof ArtifactInfo>;

/** The worker pool's states (DESIGN §5); `idle` means never started. */
export const SidecarState = z.enum([
  'idle',
  'starting',
  'ready',
  'unhealthy',
  'restarting',
  'circuit_open',
  'stopping',
  'stopped',
]);
export type SidecarState = z.infer<typeof SidecarState>;

/** The pool at a glance: nothing secret, so `/api/health` can show it without a token. */
export const SidecarSummary = z.object({
  state: SidecarState,
  /** Workers replaced since boot (after a crash, a kill, missed heartbeats or recycling). */
  restarts: z.int().min(0),
});
export type SidecarSummary = z.infer<typeof SidecarSummary>;

/** A worker process's states (DESIGN §5). */
export const WorkerState = z.enum(['starting', 'idle', 'busy', 'unhealthy', 'stopping', 'stopped']);
export type WorkerState = z.infer<typeof WorkerState>;

/** One worker process of the pool. */
export const WorkerInfo = z.object({
  /** Its slot in the pool, 1 to the pool's size; a replacement keeps the slot. */
  id: z.int().min(1),
  pid: z.int().min(1).optional(),
  state: WorkerState,
  /** The job it is running, while `busy` (or `unhealthy` or `stopping` with a job). */
  jobId: JobId.optional(),
  /** Jobs this slot has run since boot. */
  jobsRun: z.int().min(0),
  /** Times this slot's process was replaced. */
  restarts: z.int().min(0),
  /** Resident memory of the process at its last heartbeat, where the OS tells. */
  rssBytes: z.int().min(0).optional(),
  /** Finishing its job on the job code from before a reload; it takes no new one, then stops. */
  draining: z.boolean().optional(),
});
export type WorkerInfo = z.infer<typeof WorkerInfo>;

/** How a worker process last ended: its exit code, or the signal that killed it. */
export const SidecarExit = z.object({
  code: z.int().nullable(),
  signal: z.string().nullable(),
  at: Timestamp,
});
export type SidecarExit = z.infer<typeof SidecarExit>;

/** The pool's full state, for diagnostics (`GET /api/sidecar`, the `sidecar` channel). */
export const SidecarStatus = SidecarSummary.extend({
  /** When the pool entered `state`. */
  since: Timestamp,
  /** The most workers the pool runs at once (`--workers`). */
  size: z.int().min(1),
  /** The live workers, by slot. */
  workers: z.array(WorkerInfo),
  /** Consecutive failures to start a worker; the circuit opens at `LIMITS.circuitBreakerFailures`. */
  failures: z.int().min(0),
  /** The Python version the newest worker reported in `ready`. */
  python: z.string().optional(),
  lastExit: SidecarExit.optional(),
  /** The last failure in words: a crash, a missed heartbeat, a spawn error. */
  lastError: z.string().optional(),
  /** When the next attempt to start a worker is due, after a failure to start one. */
  nextRestartAt: Timestamp.optional(),
  /** The newest stderr lines of the worker that last failed (or else of the newest worker), oldest first. */
  stderrTail: z.array(z.string()),
  /** Stdout lines that were not valid protocol messages (or over the line cap), since boot. */
  rejectedLines: z.int().min(0),
  /** The job types the workers serve, once one has been ready; they change on a reload. */
  jobTypes: z.array(JobType).optional(),
  /** A reload (`POST /api/sidecar/reload`, or `--reload` seeing a change) is under way. */
  reloading: z.boolean(),
  /**
   * Why the job code (`--jobs`) last failed to import, naming the file, the line and the
   * error, first line first; cleared once it imports. After a failed reload the workers
   * from before it keep serving.
   */
  loadError: z.string().optional(),
});
export type SidecarStatus = z.infer<typeof SidecarStatus>;
