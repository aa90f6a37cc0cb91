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

/** The supervisor's states (DESIGN §5); `idle` means never started. */
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

/** The sidecar at a glance: nothing secret, so `/api/health` can show it without a token. */
export const SidecarSummary = z.object({
  state: SidecarState,
  pid: z.int().min(1).optional(),
  restarts: z.int().min(0),
});
export type SidecarSummary = z.infer<typeof SidecarSummary>;

/** How the sidecar process last ended: its exit code, or the signal that killed it. */
export const SidecarExit = z.object({
  code: z.int().nullable(),
  signal: z.string().nullable(),
  at: Timestamp,
});
export type SidecarExit = z.infer<typeof SidecarExit>;

/** The supervisor's full state, for diagnostics (`GET /api/sidecar`, the `sidecar` channel). */
export const SidecarStatus = SidecarSummary.extend({
  /** When the supervisor entered `state`. */
  since: Timestamp,
  /** Consecutive failures; the circuit opens at `LIMITS.circuitBreakerFailures`. */
  failures: z.int().min(0),
  /** The Python version the running sidecar reported in `ready`. */
  python: z.string().optional(),
  lastExit: SidecarExit.optional(),
  /** The last failure in words: a crash, a missed heartbeat, a spawn error. */
  lastError: z.string().optional(),
  /** When the next restart attempt is due, while `restarting`. */
  nextRestartAt: Timestamp.optional(),
  /** The sidecar's newest stderr lines, oldest first. */
  stderrTail: z.array(z.string()),
  /** Stdout lines that were not valid protocol messages (or over the line cap), since boot. */
  rejectedLines: z.int().min(0),
});
export type SidecarStatus = z.infer<typeof SidecarStatus>;
