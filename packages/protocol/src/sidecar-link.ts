/**
 * The sidecar link (DESIGN §3.2): one JSON object per line over the Python process's
 * stdin (`SidecarInbound`, hub → sidecar) and stdout (`SidecarOutbound`, sidecar → hub).
 */
import { z } from 'zod';
import { JobEvent, LogLevel } from './events.js';
import { JobType } from './records.js';
import { JobId, JobTypeName, JsonValue, Params } from './primitives.js';

/** Fields every link message carries; each message narrows `type` to its own name. */
const LinkMessage = z.object({ type: z.string() });

/** Run a job: call `jobType` with `params`, writing files under `artifactsDir`. */
export const SidecarRun = LinkMessage.extend({
  type: z.literal('run'),
  jobId: JobId,
  jobType: JobTypeName,
  params: Params,
  artifactsDir: z.string().min(1),
});
export type SidecarRun = z.infer<typeof SidecarRun>;

/** Ask a running job to stop; it ends with `status cancelled`. */
export const SidecarCancel = LinkMessage.extend({ type: z.literal('cancel'), jobId: JobId });

/** Deliver a viewer's input to an interactive job's queue. */
export const SidecarInput = LinkMessage.extend({
  type: z.literal('input'),
  jobId: JobId,
  data: JsonValue,
});

/** Heartbeat; answered at once with a `pong` carrying the same `n`. */
export const SidecarPing = LinkMessage.extend({ type: z.literal('ping'), n: z.int().min(0) });

/** Stop taking work, cancel running jobs and exit. */
export const SidecarShutdown = LinkMessage.extend({ type: z.literal('shutdown') });

/** Everything the hub writes to the sidecar's stdin. */
export const SidecarInbound = z.discriminatedUnion('type', [
  SidecarRun,
  SidecarCancel,
  SidecarInput,
  SidecarPing,
  SidecarShutdown,
]);
export type SidecarInbound = z.infer<typeof SidecarInbound>;

/** The sidecar is up: its protocol version, process, Python version and job types. */
export const SidecarReady = LinkMessage.extend({
  type: z.literal('ready'),
  protocol: z.int().min(1),
  pid: z.int().min(1),
  python: z.string().min(1),
  jobTypes: z.array(JobType).superRefine((jobTypes, ctx) => {
    const seen = new Set<string>();
    jobTypes.forEach(({ name }, index) => {
      if (seen.has(name))
        ctx.addIssue({
          code: 'custom',
          message: `job type "${name}" is listed twice`,
          path: [index, 'name'],
        });
      seen.add(name);
    });
  }),
});

/** An event of one job, not yet numbered. */
export const SidecarEvent = LinkMessage.extend({
  type: z.literal('event'),
  jobId: JobId,
  event: JobEvent,
});

/** The answer to `ping n`. */
export const SidecarPong = LinkMessage.extend({ type: z.literal('pong'), n: z.int().min(0) });

/** A sidecar-level diagnostic, tied to no job (stray output, a refused message). */
export const SidecarLog = LinkMessage.extend({
  type: z.literal('log'),
  level: LogLevel,
  text: z.string(),
});

/**
 * The `--jobs` code could not be imported, instead of `ready`: the message names the file,
 * the line and the error, first line first. The worker exits with status 1 after it.
 */
export const SidecarLoadFailed = LinkMessage.extend({
  type: z.literal('loadFailed'),
  message: z.string().min(1),
});

/** Everything the sidecar writes to its protocol stdout. */
export const SidecarOutbound = z.discriminatedUnion('type', [
  SidecarReady,
  SidecarEvent,
  SidecarPong,
  SidecarLog,
  SidecarLoadFailed,
]);
export type SidecarOutbound = z.infer<typeof SidecarOutbound>;
